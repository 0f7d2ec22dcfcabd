using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Bench.Micro;

namespace Bench.Tests.Benchmarks;

/// <summary>
/// benchmarks/Bench.Micro without running a benchmark: BenchmarkDotNet finds every benchmark, each measures memory
/// and says what one op is (micro.json and the report print it), and the ones the docs cite are there by name.
/// </summary>
public sealed class MicroBenchmarksTests
{
    private static readonly Type[] BenchmarkClasses = typeof(OneOpAttribute).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    private static IEnumerable<MethodInfo> BenchmarkMethods => BenchmarkClasses.SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null));

    [Fact]
    public void Every_benchmark_class_measures_allocations_and_is_public_and_unsealed_as_BenchmarkDotNet_needs()
    {
        Assert.NotEmpty(BenchmarkClasses);
        Assert.All(BenchmarkClasses, type =>
        {
            Assert.True(type.GetCustomAttribute<MemoryDiagnoserAttribute>() is not null, $"{type.Name} has no [MemoryDiagnoser]");
            Assert.True(type.IsPublic && !type.IsSealed && !type.IsAbstract, $"{type.Name} must be public, unsealed and concrete");
        });
    }

    [Fact]
    public void Every_benchmark_says_what_one_op_is()
    {
        Assert.All(BenchmarkMethods, method =>
            Assert.False(string.IsNullOrWhiteSpace(method.GetCustomAttribute<OneOpAttribute>()?.Text), $"{method.DeclaringType!.Name}.{method.Name} has no [OneOp]"));
    }

    [Fact]
    public void BenchmarkDotNet_finds_one_case_per_benchmark_method()
    {
        var found = BenchmarkClasses.SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t).BenchmarksCases)
            .Select(c => $"{c.Descriptor.Type.Name}.{c.Descriptor.WorkloadMethod.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(found);
        Assert.Equal(BenchmarkMethods.Select(m => $"{m.DeclaringType!.Name}.{m.Name}").Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void The_benchmarks_are_those_docs_micro_md_describes_under_the_names_micro_json_gives_them()
    {
        string[] cited =
        [
            "SuspendResume.Callbacks", "SuspendResume.Generators", "SuspendResume.Awaits",
            "ThreadHandoff.SpinThenBlock", "ThreadHandoff.Blocking",
            "TaskContinuation.CompletedInline", "TaskContinuation.YieldToThreadPool",
            "ValueTaskCompletion.CompletedInline",
            "ThreadStartJoin.NewThread", "ThreadStartJoin.TaskRun",
            "RequestParsing.BenchRequest", "RequestParsing.BrowserRequest",
            "HdrRecord.Record", "Sha256Round.Round",
        ];

        Assert.Equal(cited.Order(StringComparer.Ordinal), BenchmarkMethods.Select(m => $"{m.DeclaringType!.Name}.{m.Name}").Order(StringComparer.Ordinal));
    }
}
