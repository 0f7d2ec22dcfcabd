using Bench.Load;

namespace Bench.Tests.Load;

public sealed class LoadOptionsTests
{
    private static readonly Uri Local = new("http://127.0.0.1:1/");

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new LoadOptions { Url = Local }.Validate());
        Assert.Empty(new LoadOptions { Url = Local, Model = LoadModel.Open, Rate = 100, Stages = [new RateStage(TimeSpan.FromSeconds(5), 500)] }.Validate());
    }

    [Theory]
    [InlineData("connections must be at least 1")]
    [InlineData("the duration must be positive")]
    [InlineData("iterations belong to the closed model")]
    [InlineData("the open model needs a rate")]
    [InlineData("a rate, stages and max connections belong to the open model")]
    [InlineData("the stages last longer than the duration")]
    [InlineData("think time must be")]
    [InlineData("only loopback hosts")]
    public void Each_invalid_combination_is_named(string problem)
    {
        var options = problem switch
        {
            "connections must be at least 1" => new LoadOptions { Url = Local, Connections = 0 },
            "the duration must be positive" => new LoadOptions { Url = Local, Duration = TimeSpan.Zero },
            "iterations belong to the closed model" => new LoadOptions { Url = Local, Model = LoadModel.Open, Rate = 10, Iterations = 3 },
            "the open model needs a rate" => new LoadOptions { Url = Local, Model = LoadModel.Open },
            "a rate, stages and max connections belong to the open model" => new LoadOptions { Url = Local, Rate = 10 },
            "the stages last longer than the duration" => new LoadOptions { Url = Local, Model = LoadModel.Open, Rate = 1, Duration = TimeSpan.FromSeconds(1), Stages = [new RateStage(TimeSpan.FromSeconds(2), 5)] },
            "think time must be" => new LoadOptions { Url = Local, Think = ThinkTime.Uniform(TimeSpan.FromMilliseconds(9), TimeSpan.FromMilliseconds(1)) },
            _ => new LoadOptions { Url = new Uri("http://192.168.1.1/") },
        };

        var problems = options.Validate();

        Assert.Single(problems);
        Assert.Contains(problem, problems[0], StringComparison.Ordinal);
    }
}
