namespace Bench.Sdk;

/// <summary>A response that carries Bench's own error key (Http.Send's engine errors), recorded as it is.</summary>
internal interface IErrorKeyed
{
    string? ErrorKey { get; }
}
