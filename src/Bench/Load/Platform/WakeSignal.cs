using System.Runtime.InteropServices;
using static Bench.Load.Platform.LinuxNative;

namespace Bench.Load.Platform;

/// <summary>
/// An eventfd another thread writes to wake an event loop out of its epoll wait (register <see cref="Fd"/> for
/// EPOLLIN); the loop reads it to reset it. Non-blocking both ways: a set signal stays set until read.
/// </summary>
internal sealed unsafe class WakeSignal : IDisposable
{
    private const int EFD_NONBLOCK = 0x800;
    private const int EFD_CLOEXEC = 0x80000;
    private int _disposed;

    public WakeSignal()
    {
        Fd = EventFd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (Fd < 0)
        {
            throw new IOException($"eventfd failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public int Fd { get; }

    public void Set()
    {
        ulong one = 1;
        _ = Write(Fd, (byte*)&one, sizeof(ulong));
    }

    public void Reset()
    {
        ulong value;
        _ = Read(Fd, (byte*)&value, sizeof(ulong));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = LinuxNative.Close(Fd);
        }
    }
}
