namespace Bench.Launch.Cgroups;

/// <summary>
/// The few file operations Bench performs on a cgroup file system. The kernel's (<see cref="CgroupFiles.Kernel"/>)
/// in a run; tests put a stand-in over a temporary directory, because a plain directory cannot do what cgroupfs does
/// (fill a new group with its interface files, refuse to remove a populated group, move a pid on a write).
/// </summary>
public interface ICgroupFiles
{
    /// <summary>Whether a file or directory is there.</summary>
    bool Exists(string path);

    /// <summary>The file's text, or null when it is missing or cannot be read.</summary>
    string? Read(string path);

    /// <summary>Writes an interface file; the kernel's refusal comes back as an IOException or UnauthorizedAccessException.</summary>
    void Write(string path, string text);

    /// <summary>mkdir: a new group.</summary>
    void CreateDirectory(string path);

    /// <summary>rmdir: removes an empty group (no processes, no child groups).</summary>
    void DeleteDirectory(string path);

    /// <summary>The child directories of <paramref name="path"/> matching <paramref name="pattern"/>; none when it is missing.</summary>
    IEnumerable<string> Directories(string path, string pattern);
}
