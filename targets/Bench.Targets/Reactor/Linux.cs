using System.Runtime.InteropServices;

namespace Bench.Servers.Reactor;

/// <summary>
/// The Linux calls the reactor is made of: epoll for readiness and an eventfd to wake it from another thread. The
/// servers keep their own copy rather than share the load engine's: the measured and the measurer share no code.
/// </summary>
internal static partial class Linux
{
    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLL_CTL_MOD = 3;
    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;
    public const int EINTR = 4;
    public const int ENOSYS = 38;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int EAGAIN = 11;
    public const int MSG_NOSIGNAL = 0x4000;

    /// <summary>struct epoll_event is packed (12 bytes) on x86-64 only; elsewhere its 64-bit data is aligned (16).</summary>
    public static readonly int EventStride = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    public static readonly int EventDataOffset = EventStride == 12 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int op, int fd, ref byte @event);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, ref byte events, int maxEvents, int timeoutMs);

    /// <summary>epoll_wait with a timeout in nanoseconds (Linux 5.11, glibc 2.35); null waits until an event.</summary>
    [LibraryImport("libc", EntryPoint = "epoll_pwait2", SetLastError = true)]
    public static unsafe partial int EpollPwait2(int epfd, ref byte events, int maxEvents, Timespec* timeout, nint sigmask);

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, ref ulong buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ref ulong buffer, nint count);

    /// <summary>Accepts without blocking and without an exception when the backlog is empty (-1, EAGAIN).</summary>
    [LibraryImport("libc", EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept4(int fd, nint address, nint addressLength, int flags);

    /// <summary>
    /// recv and send straight on the descriptor: Socket.Receive/Send add a handle reference count, System.Native's shim
    /// and error mapping to each call — 2–3 % of a /hello request's CPU in a perf profile of the reactor.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, ref byte buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, ref byte buffer, nint length, int flags);

    /// <summary>
    /// The outcome of a recv or send: bytes moved, or -1 when it would block (or a signal interrupted it: level-triggered
    /// epoll reports the socket again), or -2 when the connection failed.
    /// </summary>
    public static int Outcome(nint result)
    {
        if (result >= 0)
        {
            return (int)result;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno is EAGAIN or EINTR ? -1 : -2;
    }

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
