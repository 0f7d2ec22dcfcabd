using Bench.Servers.Http;

namespace Bench.Servers.Workload;

/// <summary>What a request asks for, decided by the router, carried out by the model's executor.</summary>
public readonly record struct Work(WorkKind Kind, Response Response, int Milliseconds = 0, int Rounds = 0, int YieldEvery = 0)
{
    public static Work Respond(Response response) => new(WorkKind.Respond, response);
}
