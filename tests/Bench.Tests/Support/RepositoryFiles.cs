using Bench.Launch;

namespace Bench.Tests.Support;

/// <summary>Files of this checkout that tests read (the real catalogue, scenarios, schema).</summary>
public static class RepositoryFiles
{
    public static string PathOf(params string[] parts) => Path.Combine([TargetsBinary.RepositoryRoot(), .. parts]);

    public static TargetCatalog Catalog() => TargetCatalog.LoadDefault();
}
