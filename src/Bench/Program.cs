using Bench.Cli;

return await BenchCli.RunAsync(args);
