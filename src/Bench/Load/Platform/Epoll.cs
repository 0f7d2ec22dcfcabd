using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Bench.Load.Platform.LinuxNative;

namespace Bench.Load.Platform;

/// <summary>
/// One epoll instance and its event buffer. Waits with nanosecond timeouts (epoll_pwait2) so the open model can
/// send on time without spinning; falls back to millisecond epoll_wait on kernels without it.
/// </summary>
internal sealed unsafe class Epoll : IDisposable
{
    // struct epoll_event is packed (12 bytes) on x86-64 only; elsewhere the 64-bit data field is aligned.
    private static readonly int Stride = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = Stride == 12 ? 4 : 8;

    private readonly int _fd;
    private readonly byte[] _events;
    private readonly int _capacity;
    private bool _precise = true;
    private int _disposed;

    public Epoll(int capacity)
    {
        _fd = EpollCreate1(EPOLL_CLOEXEC);
        if (_fd < 0)
        {
            throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _capacity = capacity;
        _events = GC.AllocateArray<byte>(capacity * Stride, pinned: true);
    }

    /// <summary>Registers <paramref name="fd"/>; closing the fd removes it again (the engine never dups sockets).</summary>
    public int Add(int fd, uint events, ulong data) => Control(EPOLL_CTL_ADD, fd, events, data);

    /// <summary>Changes what <paramref name="fd"/> is watched for.</summary>
    public int Modify(int fd, uint events, ulong data) => Control(EPOLL_CTL_MOD, fd, events, data);

    /// <summary>Waits up to <paramref name="timeoutNanoseconds"/> and returns how many events are ready (0 on EINTR).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Wait(long timeoutNanoseconds)
    {
        fixed (byte* events = _events)
        {
            int n;
            if (_precise)
            {
                var timeout = new Timespec { Seconds = timeoutNanoseconds / 1_000_000_000, Nanoseconds = timeoutNanoseconds % 1_000_000_000 };
                try
                {
                    n = EpollPwait2(_fd, events, _capacity, &timeout, 0);
                }
                catch (EntryPointNotFoundException)
                {
                    n = -1;
                    Marshal.SetLastPInvokeError(ENOSYS);
                }

                if (n >= 0 || Marshal.GetLastPInvokeError() != ENOSYS)
                {
                    return n < 0 ? 0 : n;
                }

                _precise = false;
            }

            // Rounded down: the loop comes back early and waits again rather than sending late.
            n = EpollWait(_fd, events, _capacity, (int)Math.Min(timeoutNanoseconds / 1_000_000, int.MaxValue));
            return n < 0 ? 0 : n;
        }
    }

    public uint EventsAt(int index) => MemoryMarshal.Read<uint>(_events.AsSpan(index * Stride));

    public ulong DataAt(int index) => MemoryMarshal.Read<ulong>(_events.AsSpan((index * Stride) + DataOffset));

    private int Control(int operation, int fd, uint events, ulong data)
    {
        byte* ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(ulong*)(ev + DataOffset) = data;
        return EpollCtl(_fd, operation, fd, ev) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = LinuxNative.Close(_fd);
        }
    }
}
