using Bench.Servers.Http;

namespace Bench.Servers.Workload;

/// <summary>
/// What a request asks for, decided by the router, carried out by the model's executor. For /redis, <see cref="Key"/>
/// and, to SET, <see cref="Value"/> (GET when null).
/// </summary>
public readonly record struct Work(WorkKind Kind, Response Response, int Milliseconds = 0, int Rounds = 0, int YieldEvery = 0, string? Key = null, string? Value = null)
{
    public static Work Respond(Response response) => new(WorkKind.Respond, response);
}
