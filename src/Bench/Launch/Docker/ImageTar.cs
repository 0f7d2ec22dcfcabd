using System.Formats.Tar;

namespace Bench.Launch.Docker;

/// <summary>
/// Writes a planned root filesystem as the tar docker import takes: PAX, every entry owned by root with the
/// planned mode, one fixed timestamp (nothing in the image depends on host times, and the same files give the same
/// tar), files read from their host paths.
/// </summary>
public static class ImageTar
{
    public static async Task WriteAsync(RootFilesystem rootfs, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rootfs);
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var planned in rootfs.Entries)
        {
            var entry = new PaxTarEntry(planned.Type, planned.Path.TrimStart('/'))
            {
                Mode = planned.Mode,
                Uid = 0,
                Gid = 0,
                UserName = "root",
                GroupName = "root",
                ModificationTime = DateTimeOffset.UnixEpoch,
            };
            if (planned.Type == TarEntryType.SymbolicLink)
            {
                entry.LinkName = planned.LinkTarget ?? throw new InvalidOperationException($"symlink {planned.Path} has no target");
            }

            if (planned.Type != TarEntryType.RegularFile)
            {
                await writer.WriteEntryAsync(entry, cancellationToken);
                continue;
            }

            await using var content = new FileStream(planned.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            entry.DataStream = content;
            await writer.WriteEntryAsync(entry, cancellationToken);
        }
    }
}
