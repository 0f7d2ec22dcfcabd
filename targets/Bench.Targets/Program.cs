using System.Net;
using System.Runtime.InteropServices;
using Bench.Servers.Hosting;

namespace Bench.Servers;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(OptionsParser.Usage);
            return 0;
        }

        if (args is ["--rpc-worker", "--rabbitmq", var rabbit])
        {
            return await RunRpcWorkerAsync(rabbit);
        }

        if (!OptionsParser.TryParse(args, out var options, out string error))
        {
            Console.Error.WriteLine($"Bench.Targets: {error}");
            Console.Error.WriteLine(OptionsParser.Usage);
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true; // we exit ourselves, cleanly, with code 0
            stopping.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        var log = new ErrorLog(Console.Error);
        using var context = new ServerContext(options, log);
        var model = ModelRegistry.Create(options.Model);
        Task serving;
        try
        {
            serving = model.RunAsync(context, new IPEndPoint(options.Address, options.Port),
                bound => Console.Out.WriteLine($"listening on http://{bound}"), stopping.Token);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            Console.Error.WriteLine($"Bench.Targets: cannot listen on {new IPEndPoint(options.Address, options.Port)}: {e.Message}");
            return 1;
        }

        try
        {
            await Task.WhenAny(serving, Task.Delay(Timeout.Infinite, stopping.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        if (serving.IsFaulted)
        {
            Console.Error.WriteLine($"Bench.Targets: {serving.Exception!.GetBaseException().Message}");
            return 1;
        }

        // Give the model a moment to close its listener; background threads never hold the exit.
        await Task.WhenAny(serving, Task.Delay(TimeSpan.FromSeconds(1)));
        return 0;
    }

    /// <summary>The worker behind /rpc (Rabbit/RpcWorker): until SIGTERM or SIGINT, or until the broker goes.</summary>
    private static async Task<int> RunRpcWorkerAsync(string port)
    {
        if (!int.TryParse(port, out int rabbit) || rabbit is < 1 or > 65535)
        {
            Console.Error.WriteLine($"Bench.Targets: invalid value '{port}' for --rabbitmq");
            Console.Error.WriteLine(Rabbit.RpcWorker.Usage);
            return 2;
        }

        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return await Rabbit.RpcWorker.RunAsync(rabbit, Console.Out, Console.Error, stopping.Token);
    }
}
