using System.Formats.Tar;

namespace Bench.Launch.Docker;

/// <summary>
/// One path of an image's root filesystem. The image holds host files at their own paths, so a regular file's
/// content is read from <see cref="Path"/> on the host (following symlinks there: what the image stores is the file).
/// </summary>
/// <param name="Path">Absolute path in the image, and on the host.</param>
/// <param name="Type">Directory, regular file or symbolic link.</param>
/// <param name="Mode">Permission bits as stored (owner root).</param>
/// <param name="LinkTarget">A symlink's target as written in the link (maybe relative); null for the other types.</param>
public sealed record ImageEntry(string Path, TarEntryType Type, UnixFileMode Mode, string? LinkTarget = null)
{
    public static ImageEntry Directory(string path, UnixFileMode mode) => new(path, TarEntryType.Directory, mode);

    public static ImageEntry File(string path, UnixFileMode mode) => new(path, TarEntryType.RegularFile, mode);

    /// <summary>A link's own mode means nothing on Linux; 0777 is what the kernel reports for every one.</summary>
    public static ImageEntry Symlink(string path, string target) => new(path, TarEntryType.SymbolicLink, Modes.All, target);
}
