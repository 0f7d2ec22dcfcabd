using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

/// <summary>
/// A temporary directory to build images from: a copy of /bin/true (an ELF file with libraries), a text file, and a
/// relative symlink to the copy. Its path is unique, so so is the hash of any image made of it.
/// </summary>
internal sealed class ImageFiles : IDisposable
{
    public const string NotesText = "not an ELF file";

    public ImageFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("bench-image-files-").FullName;
        File.Copy("/bin/true", True);
        File.WriteAllText(Notes, NotesText);
        File.CreateSymbolicLink(Link, "true");
    }

    public string Directory { get; }

    public string True => Path.Combine(Directory, "true");

    public string Notes => Path.Combine(Directory, "notes.txt");

    public string Link => Path.Combine(Directory, "link");

    /// <summary>The directory, copied whole.</summary>
    public ImageRecipe Recipe => new([Directory], []);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
