namespace Bench.Launch.Docker;

/// <summary>Permission bits as C# has no octal literals: each named with its octal value.</summary>
internal static class Modes
{
    /// <summary>0777</summary>
    public const UnixFileMode All = (UnixFileMode)0x1FF;

    /// <summary>0444</summary>
    public const UnixFileMode ReadAll = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0111</summary>
    public const UnixFileMode ExecuteAll = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>0755: directories the image needs as parents.</summary>
    public const UnixFileMode Directory = All & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

    /// <summary>1777: /tmp, writable by any user, each removing only their own files.</summary>
    public const UnixFileMode Tmp = All | UnixFileMode.StickyBit;

    /// <summary>
    /// What a copied file keeps: its permission bits (no setuid, setgid or sticky), readable by everyone, and
    /// executable by everyone when anyone could run it, so a container can run as an unprivileged user (65534).
    /// </summary>
    public static UnixFileMode ForFile(UnixFileMode host) =>
        (host & All) | ReadAll | ((host & ExecuteAll) != 0 ? ExecuteAll : 0);

    /// <summary>A copied directory's permission bits, with read and search for everyone (same reason).</summary>
    public static UnixFileMode ForDirectory(UnixFileMode host) => (host & All) | ReadAll | ExecuteAll;
}
