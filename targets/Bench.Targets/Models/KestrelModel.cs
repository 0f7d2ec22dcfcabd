using System.Net;
using System.Text;
using Bench.Servers.Hosting;
using Bench.Servers.Http;
using Bench.Servers.Workload;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bench.Servers.Models;

/// <summary>
/// ASP.NET Core minimal API on Kestrel: the industrial async reference. Kestrel parses HTTP itself;
/// routing of parameters and the workload are the shared ones, so results stay comparable.
/// </summary>
[ServerModel("kestrel", "ASP.NET Core minimal API on Kestrel")]
public sealed class KestrelModel : IServerModel
{
    public async Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = HttpLimits.MaxHeaderBytes;
            kestrel.Limits.MaxRequestLineSize = HttpLimits.MaxHeaderBytes;
            kestrel.Limits.MaxRequestBodySize = HttpLimits.MaxBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = context.Options.HeaderTimeout;
            kestrel.Limits.KeepAliveTimeout = context.Options.HeaderTimeout;
            kestrel.Listen(endpoint, listen => listen.Use(next => async connection =>
            {
                context.Stats.ConnectionOpened();
                try
                {
                    await next(connection);
                }
                finally
                {
                    context.Stats.ConnectionClosed();
                }
            }));
        });

        await using var app = builder.Build();
        app.Use(RejectWhatTheContractRejects);
        foreach (string path in (string[])["/hello", "/io", "/cpu", "/blocking", "/info", "/redis", "/redis-blocking", "/rpc"])
        {
            app.MapGet(path, (HttpContext http) => HandleAsync(http, context));
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listening(new IPEndPoint(endpoint.Address, new Uri(address).Port));
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM: stop below.
        }

        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await app.StopAsync(stopTimeout.Token);
    }

    private static async Task HandleAsync(HttpContext http, ServerContext context)
    {
        var stats = context.Stats;
        stats.RequestStarted();
        var target = Encoding.ASCII.GetBytes(http.Request.Path.Value + http.Request.QueryString.Value);
        var work = Router.Route(isGet: true, target);
        var response = work.Kind switch
        {
            WorkKind.Respond => work.Response,
            WorkKind.Info => stats.Info(),
            _ => await AsyncConnection.ExecuteAsync(work, context, http.RequestAborted),
        };
        await WriteAsync(http, response);
    }

    /// <summary>Kestrel accepts chunked bodies and only checks body size when a body is read; the contract does neither.</summary>
    private static async Task RejectWhatTheContractRejects(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            await WriteAsync(http, Response.Text(501, "Transfer-Encoding is not supported\n", close: true));
            return;
        }

        if (http.Request.ContentLength > HttpLimits.MaxBodyBytes)
        {
            await WriteAsync(http, Response.Text(413, "request body too large\n", close: true));
            return;
        }

        await next(http);
    }

    private static Task WriteAsync(HttpContext http, in Response response)
    {
        http.Response.StatusCode = response.Status;
        http.Response.ContentType = response.IsJson ? "application/json" : "text/plain";
        http.Response.ContentLength = response.Body.Length;
        if (response.Close)
        {
            http.Response.Headers.Connection = "close";
        }

        return http.Response.Body.WriteAsync(response.Body, http.RequestAborted).AsTask();
    }
}
