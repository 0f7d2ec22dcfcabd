namespace Bench.Servers.Http;

/// <summary>A protocol error: the status to answer with, and a one-line reason for the body.</summary>
public readonly record struct HttpError(int Status, string Reason);
