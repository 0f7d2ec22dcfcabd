namespace Bench.Launch.Cgroups;

/// <summary>The kernel's cgroup file system, through plain file calls.</summary>
public sealed class CgroupFiles : ICgroupFiles
{
    public static readonly CgroupFiles Kernel = new();

    private CgroupFiles()
    {
    }

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string path, string text) => File.WriteAllText(path, text);

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public void DeleteDirectory(string path) => Directory.Delete(path);

    public IEnumerable<string> Directories(string path, string pattern)
    {
        try
        {
            return Directory.GetDirectories(path, pattern);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
