namespace Bench.Launch.Proxies;

/// <summary>
/// A proxy a scenario may put in front of replicas of a target (<c>proxies:</c> in targets.yaml): how it is launched
/// (<see cref="Server"/>, a catalogue entry whose files still hold <c>{upstream}</c>, <c>{reuse}</c> and <c>{workers}</c>) and how its
/// upstream is written (<see cref="Upstream"/>).
/// </summary>
public sealed record ProxyDefinition(TargetDefinition Server, ProxyUpstream Upstream)
{
    /// <summary>The placeholder, in a proxy's files, for its rendered upstream (<see cref="ProxyUpstream.Render"/>).</summary>
    public const string UpstreamPlaceholder = "upstream";

    /// <summary>The placeholder, in a proxy's files, for its connection reuse lines (<see cref="ProxyUpstream.Reuse"/>).</summary>
    public const string ReusePlaceholder = "reuse";

    /// <summary>The placeholder, in a proxy's files, for its worker (or thread) count.</summary>
    public const string WorkersPlaceholder = "workers";

    public string Name => Server.Name;
}
