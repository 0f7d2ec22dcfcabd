namespace Bench.Launch.Docker;

/// <summary>
/// What a docker target's image holds: host paths copied to the same paths in the image (files, or directories
/// with everything under them), every shared library those ELF files need (found with ldd), and the libraries
/// named here that are loaded at run time with dlopen, which ldd cannot see (OpenSSL for .NET's SHA-256).
/// The image is tagged with a hash of all of it, so it is rebuilt only when an input changes.
/// </summary>
public sealed record ImageRecipe(IReadOnlyList<string> Copy, IReadOnlyList<string> Libraries);
