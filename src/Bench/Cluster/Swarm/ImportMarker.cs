using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Cluster.Swarm;

/// <summary>
/// The tag Bench puts on an image it imported into a swarm node, beside the image's own: bench-import:&lt;host&gt;.&lt;owner
/// pid&gt;.&lt;owner start time&gt;.&lt;image hash&gt;. An image keeps the data of its tags; the marker says which Bench
/// process imported it, so a run that crashed before removing its imports is found by the next run on the same host,
/// exactly as its services are (<see cref="ServiceLabels.Abandoned"/>).
/// </summary>
public sealed partial record ImportMarker(string Host, int OwnerPid, long OwnerStartTime)
{
    public const string Repository = "bench-import";

    /// <summary>The marker of imports by this process's Bench (<paramref name="labels"/> name it) on <paramref name="host"/>.</summary>
    public static ImportMarker For(ContainerLabels labels, string host)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new(host, labels.OwnerPid, labels.OwnerStartTime);
    }

    /// <summary>Its tag on <paramref name="image"/> (bench-target:&lt;hash&gt;): a tag allows 128 of [A-Za-z0-9_.-].</summary>
    public string Tag(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        string hash = image[(image.LastIndexOf(':') + 1)..];
        string tail = string.Create(CultureInfo.InvariantCulture, $".{OwnerPid}.{OwnerStartTime}.{hash}");
        string host = Unsafe().Replace(Host, "-");
        return (host.Length + tail.Length > 128 ? host[..(128 - tail.Length)] : host) + tail;
    }

    /// <summary>A marker tag read back (repository included): whose import, of which image; null for any other tag.</summary>
    public static (ImportMarker Owner, string ImageHash)? ParseTag(string repositoryTag)
    {
        ArgumentNullException.ThrowIfNull(repositoryTag);
        if (!repositoryTag.StartsWith(Repository + ":", StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = repositoryTag[(Repository.Length + 1)..].Split('.');
        return parts.Length >= 4
            && int.TryParse(parts[^3], CultureInfo.InvariantCulture, out int pid)
            && long.TryParse(parts[^2], CultureInfo.InvariantCulture, out long start)
            ? (new ImportMarker(string.Join('.', parts[..^3]), pid, start), parts[^1])
            : null;
    }

    /// <summary>True when it was made by a Bench on <paramref name="host"/> that is gone (its pid not running, or reused).</summary>
    public bool Abandoned(string host, ProcFs procFs) =>
        Host == Unsafe().Replace(host, "-") && !ProcessTree.IsRunning(OwnerPid, OwnerStartTime, procFs);

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();
}
