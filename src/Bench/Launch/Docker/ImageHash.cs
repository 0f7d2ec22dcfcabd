using System.Buffers;
using System.Buffers.Binary;
using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bench.Launch.Docker;

/// <summary>
/// SHA-256 of all that goes into an image: a format version, then for each entry in order its path, type, mode and
/// content (a file's bytes, a link's target). Images are tagged with its first <see cref="TagLength"/> hex digits,
/// so one is rebuilt exactly when a copied file, a library, or the way Bench lays them out changes.
/// </summary>
public static class ImageHash
{
    /// <summary>Bumped whenever the same entries would make a different image (tar layout, ownership, import changes).</summary>
    public const string FormatVersion = "bench-image/1";

    public const int TagLength = 16;

    private const int BufferSize = 1 << 20;

    /// <summary>The hash as 64 lowercase hex digits.</summary>
    public static async Task<string> ComputeAsync(RootFilesystem rootfs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rootfs);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            AppendText(sha, FormatVersion);
            foreach (var entry in rootfs.Entries)
            {
                AppendText(sha, entry.Path);
                AppendText(sha, entry.Type.ToString());
                AppendText(sha, Convert.ToString((int)entry.Mode, 8));
                if (entry.Type == TarEntryType.SymbolicLink)
                {
                    AppendText(sha, entry.LinkTarget ?? "");
                }
                else if (entry.Type == TarEntryType.RegularFile)
                {
                    await AppendContentAsync(sha, entry.Path, buffer, cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The image tag for a hash: its first <see cref="TagLength"/> hex digits.</summary>
    public static string Tag(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash[..TagLength];
    }

    /// <summary>Text ends with a NUL, which no path or link target holds, so no two entry lists hash alike by running together.</summary>
    private static void AppendText(IncrementalHash sha, string text)
    {
        sha.AppendData(Encoding.UTF8.GetBytes(text));
        sha.AppendData([0]);
    }

    /// <summary>Length first, then the bytes; a file that changes size meanwhile is an error, not a wrong hash.</summary>
    private static async Task AppendContentAsync(IncrementalHash sha, string path, byte[] buffer, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        long length = file.Length;
        byte[] prefix = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, length);
        sha.AppendData(prefix);
        long total = 0;
        int read;
        while ((read = await file.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            total += read;
        }

        if (total != length)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{path} changed while it was hashed ({length} bytes, then {total})"));
        }
    }
}
