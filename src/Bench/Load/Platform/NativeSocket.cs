using System.Buffers.Binary;
using System.Net.Sockets;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Bench.Load.Platform.LinuxNative;

namespace Bench.Load.Platform;

/// <summary>
/// Non-blocking TCP sockets as plain file descriptors. Every call returns a count or a negative errno instead of
/// throwing: failures are data for the error table, not exceptions on the hot path.
/// </summary>
internal static unsafe class NativeSocket
{
    /// <summary>struct sockaddr_in / sockaddr_in6 for <paramref name="endpoint"/>, encoded once per run.</summary>
    public static byte[] EncodeAddress(IPEndPoint endpoint)
    {
        bool v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        var address = new byte[v6 ? 28 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(address, (ushort)(v6 ? AF_INET6 : AF_INET));
        BinaryPrimitives.WriteUInt16BigEndian(address.AsSpan(2), (ushort)endpoint.Port);
        endpoint.Address.TryWriteBytes(address.AsSpan(v6 ? 8 : 4), out _);
        return address;
    }

    /// <summary>
    /// Opens a non-blocking socket and starts connecting. Returns the fd (with <paramref name="error"/> 0 when
    /// already connected, EINPROGRESS while connecting) or -1 with the errno in <paramref name="error"/>.
    /// </summary>
    public static int Connect(byte[] address, out int error)
    {
        int family = BinaryPrimitives.ReadUInt16LittleEndian(address);
        int fd = Socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            error = Marshal.GetLastPInvokeError();
            return -1;
        }

        int one = 1;
        _ = SetSockOpt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
        fixed (byte* a = address)
        {
            if (LinuxNative.Connect(fd, a, address.Length) == 0)
            {
                error = 0;
                return fd;
            }
        }

        error = Marshal.GetLastPInvokeError();
        if (error == EINPROGRESS)
        {
            return fd;
        }

        _ = LinuxNative.Close(fd);
        return -1;
    }

    /// <summary>The error a finished non-blocking connect left on the socket (0 = connected).</summary>
    public static int PendingError(int fd)
    {
        int value = 0;
        int length = sizeof(int);
        return GetSockOpt(fd, SOL_SOCKET, SO_ERROR, &value, &length) == 0 ? value : Marshal.GetLastPInvokeError();
    }

    /// <summary>Bytes sent, or a negative errno (-EAGAIN when the socket buffer is full).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static nint Send(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            nint n = LinuxNative.Send(fd, p, data.Length, MSG_NOSIGNAL);
            return n >= 0 ? n : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>Bytes received (0 = the peer closed), or a negative errno (-EAGAIN when nothing is there yet).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static nint Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = Recv(fd, p, buffer.Length, 0);
            return n >= 0 ? n : -Marshal.GetLastPInvokeError();
        }
    }

    public static void Close(int fd) => _ = LinuxNative.Close(fd);
}
