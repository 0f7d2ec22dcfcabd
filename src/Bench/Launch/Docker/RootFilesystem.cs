using System.Formats.Tar;

namespace Bench.Launch.Docker;

/// <summary>
/// The file list of a target's image, planned from an <see cref="ImageRecipe"/> (nothing is written here): the copied
/// paths, every shared library their ELF files need (ldd), the dlopen'd libraries the recipe names (ldconfig -p)
/// with theirs, the parent directories of all of it, and an empty /tmp. Sorted by path (ordinal), so the same
/// host files always plan the same list, and a parent always comes before what it holds.
/// </summary>
public sealed class RootFilesystem
{
    /// <summary>
    /// ldd takes many files at once and then skips its own start-up per file: the 16 ELF files of the .NET recipe
    /// take ~120 ms one call each, ~80 ms in one call. Batches keep the argument list short.
    /// </summary>
    private const int LddBatch = 64;

    private static readonly EnumerationOptions s_children = new()
    {
        RecurseSubdirectories = false, // by hand, so links to directories stay links
        AttributesToSkip = 0, // dot files are "hidden" to .NET on Unix; a copy takes them too
        IgnoreInaccessible = false,
    };

    private static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    private RootFilesystem(IReadOnlyList<ImageEntry> entries, IReadOnlyList<string> missingLibraries)
    {
        Entries = entries;
        MissingLibraries = missingLibraries;
    }

    /// <summary>Every path of the image, sorted by path.</summary>
    public IReadOnlyList<ImageEntry> Entries { get; }

    /// <summary>
    /// Libraries ldd named but could not find, left out (sorted). Not an error: a library ldd cannot find on the
    /// host is one its users do without there (liblttng-ust, for coreclr's optional trace provider), and the same
    /// holds in the image.
    /// </summary>
    public IReadOnlyList<string> MissingLibraries { get; }

    /// <summary>
    /// Plans the image. A path planned twice keeps its first plan: copies in recipe order, then libraries. Throws
    /// <see cref="ImageRecipeException"/> for a copy path that is not absolute or does not exist, a library ldconfig
    /// does not know, or a path that would have to be both a directory and something else.
    /// </summary>
    public static async Task<RootFilesystem> PlanAsync(ImageRecipe recipe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var plan = new SortedDictionary<string, ImageEntry>(StringComparer.Ordinal);
        var elfFiles = new List<string>();
        foreach (string copy in recipe.Copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AddCopy(plan, elfFiles, copy);
        }

        foreach (string library in await FindLibrariesAsync(recipe.Libraries, cancellationToken))
        {
            if (AddDereferenced(plan, library))
            {
                elfFiles.Add(library);
            }
        }

        var (needed, missing) = await LddAsync(elfFiles, cancellationToken);
        foreach (string library in needed)
        {
            AddDereferenced(plan, library);
        }

        plan["/tmp"] = ImageEntry.Directory("/tmp", Modes.Tmp);
        AddParents(plan);
        return new RootFilesystem([.. plan.Values], missing);
    }

    private static void AddCopy(SortedDictionary<string, ImageEntry> plan, List<string> elfFiles, string copy)
    {
        if (string.IsNullOrWhiteSpace(copy) || !Path.IsPathFullyQualified(copy))
        {
            throw new ImageRecipeException($"copy path '{copy}' is not absolute");
        }

        string path = Normalize(copy);
        if (path == "/")
        {
            throw new ImageRecipeException("copy path / would copy the whole host");
        }

        // Exists follows a symlink: a copy path that is one is stored as what it points to.
        if (Directory.Exists(path))
        {
            if (plan.TryAdd(path, ImageEntry.Directory(path, Modes.ForDirectory(File.GetUnixFileMode(path)))))
            {
                AddChildren(plan, elfFiles, path);
            }
        }
        else if (File.Exists(path))
        {
            AddFile(plan, elfFiles, path, File.GetUnixFileMode(path));
        }
        else
        {
            throw new ImageRecipeException($"copy path {copy} does not exist");
        }
    }

    private static void AddChildren(SortedDictionary<string, ImageEntry> plan, List<string> elfFiles, string directory)
    {
        foreach (var child in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", s_children))
        {
            string path = child.FullName;
            if (child.LinkTarget is { } target)
            {
                // Kept as a link: relative ones (libfoo.so -> libfoo.so.1) resolve in the image as on the host.
                plan.TryAdd(path, ImageEntry.Symlink(path, target));
            }
            else if (child is DirectoryInfo)
            {
                if (plan.TryAdd(path, ImageEntry.Directory(path, Modes.ForDirectory(child.UnixFileMode))))
                {
                    AddChildren(plan, elfFiles, path);
                }
            }
            else
            {
                AddFile(plan, elfFiles, path, child.UnixFileMode);
            }
        }
    }

    private static void AddFile(SortedDictionary<string, ImageEntry> plan, List<string> elfFiles, string path, UnixFileMode mode)
    {
        if (plan.TryAdd(path, ImageEntry.File(path, Modes.ForFile(mode))) && IsElf(path))
        {
            elfFiles.Add(path);
        }
    }

    /// <summary>A library at the path the loader found it, stored as the file (the path may be a link on the host).</summary>
    private static bool AddDereferenced(SortedDictionary<string, ImageEntry> plan, string path)
    {
        path = Normalize(path);
        return plan.TryAdd(path, ImageEntry.File(path, Modes.ForFile(File.GetUnixFileMode(path))));
    }

    /// <summary>
    /// Whether the file starts with the ELF magic. Empty files are not opened: a fifo or socket in a copied
    /// directory reads as empty (it is stored as an empty file) and opening a fifo would block.
    /// </summary>
    private static bool IsElf(string path)
    {
        if (new FileInfo(path).Length < 4)
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[4];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        return file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual(ElfMagic);
    }

    private static async Task<IReadOnlyList<string>> FindLibrariesAsync(IReadOnlyList<string> sonames, CancellationToken cancellationToken)
    {
        if (sonames.Count == 0)
        {
            return [];
        }

        // Not on root's PATH everywhere (Debian keeps it in /sbin).
        string ldconfig = File.Exists("/sbin/ldconfig") ? "/sbin/ldconfig" : "ldconfig";
        var (exitCode, output, error) = await HostCommand.RunAsync(ldconfig, ["-p"], cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ldconfig -p failed (exit code {exitCode}): {error.Trim()}");
        }

        return [.. sonames.Select(soname =>
            LdconfigOutput.Find(output, soname, LdconfigOutput.HostArchitecture)
            ?? throw new ImageRecipeException($"library {soname} not found by ldconfig -p"))];
    }

    private static async Task<(IReadOnlyList<string> Needed, IReadOnlyList<string> Missing)> LddAsync(
        List<string> elfFiles, CancellationToken cancellationToken)
    {
        var needed = new List<string>();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var batch in elfFiles.Chunk(LddBatch))
        {
            // The exit code says nothing useful: 1 when any file is not dynamic (static, or another architecture's).
            var (_, output, _) = await HostCommand.RunAsync("ldd", batch, cancellationToken);
            var ldd = LddOutput.Parse(output);
            needed.AddRange(ldd.Libraries);
            missing.UnionWith(ldd.Missing);
        }

        return (needed, [.. missing]);
    }

    private static void AddParents(SortedDictionary<string, ImageEntry> plan)
    {
        foreach (string path in plan.Keys.ToList())
        {
            for (string? parent = Path.GetDirectoryName(path); parent is not null && parent != "/"; parent = Path.GetDirectoryName(parent))
            {
                if (!plan.TryGetValue(parent, out var existing))
                {
                    plan[parent] = ImageEntry.Directory(parent, Modes.Directory);
                }
                else if (existing.Type != TarEntryType.Directory)
                {
                    throw new ImageRecipeException($"{parent} is a {Describe(existing.Type)} in the image, but {path} needs it to be a directory");
                }
            }
        }
    }

    private static string Describe(TarEntryType type) => type == TarEntryType.SymbolicLink ? "symlink" : "file";

    /// <summary>"." and ".." resolved and no trailing slash, so one path has one spelling.</summary>
    private static string Normalize(string path)
    {
        string full = Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }
}
