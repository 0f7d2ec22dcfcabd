namespace Bench.Launch.Docker;

/// <summary>
/// An image the engine has for a recipe: <paramref name="Reference"/> is <c>bench-target:&lt;hash16&gt;</c>;
/// <paramref name="Built"/> says whether this call imported it (else it was there already, and
/// <paramref name="TarBytes"/> is 0); <paramref name="Took"/> is the whole call, planning and hashing included.
/// </summary>
public sealed record BuiltImage(string Reference, bool Built, long TarBytes, TimeSpan Took);
