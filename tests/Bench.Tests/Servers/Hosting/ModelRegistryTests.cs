using Bench.Servers.Hosting;
using Bench.Servers.Models;

namespace Bench.Tests.Servers.Hosting;

public sealed class ModelRegistryTests
{
    [Fact]
    public void Every_server_model_of_the_assembly_is_registered_under_its_attributes_name()
    {
        var implementations = typeof(IServerModel).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IServerModel).IsAssignableFrom(t))
            .ToArray();

        Assert.Equal(implementations.Length, ModelRegistry.Models.Count);
        Assert.Equal(ModelRegistry.Names.Order(StringComparer.Ordinal), ModelRegistry.Names);
        Assert.Equal(ModelRegistry.Names.Count, ModelRegistry.Names.Distinct().Count());
        Assert.All(ModelRegistry.Models, m =>
        {
            Assert.IsType(m.Type, ModelRegistry.Create(m.Name));
            Assert.False(string.IsNullOrWhiteSpace(m.Description));
        });
    }

    [Fact]
    public void The_usage_text_and_the_unknown_model_error_list_the_registry()
    {
        Assert.All(ModelRegistry.Models, m => Assert.Matches($@"\n\s+{m.Name}\s+{System.Text.RegularExpressions.Regex.Escape(m.Description)}\n", OptionsParser.Usage));

        Assert.False(OptionsParser.TryParse(["--model", "fibers"], out _, out string error));

        Assert.Equal($"unknown model 'fibers'; known: {string.Join(", ", ModelRegistry.Names)}", error);
    }
}
