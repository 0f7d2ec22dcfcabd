using Bench.Cluster.Swarm;
using Docker.DotNet.Models;

namespace Bench.Tests.Cluster.Swarm;

public sealed class ServiceTasksTests
{
    private static TaskResponse Task(TaskState state, string message = "", string? err = null, long? exitCode = null) => new()
    {
        Status = new Docker.DotNet.Models.TaskStatus
        {
            State = state,
            Message = message,
            Err = err,
            ContainerStatus = exitCode is { } code ? new ContainerStatus { ContainerID = "c1", ExitCode = code } : null,
        },
    };

    [Fact]
    public void A_failed_task_says_its_state_message_error_and_exit_code()
    {
        var exit = ServiceTasks.Describe(Task(TaskState.Failed, "started", "task: non-zero exit (3)", 3));

        Assert.Equal(3, exit.Code);
        Assert.False(exit.OutOfMemory);
        Assert.Equal("task failed (started: task: non-zero exit (3)) (exit code 3)", exit.Description);
    }

    [Fact]
    public void A_rejected_task_never_ran_and_has_no_exit_code()
    {
        var exit = ServiceTasks.Describe(Task(TaskState.Rejected, "preparing", "No such image: bench-target:abc"));

        Assert.Equal(-1, exit.Code);
        Assert.Equal("task rejected (preparing: No such image: bench-target:abc)", exit.Description);
        Assert.Equal("task pending", ServiceTasks.Summary(Task(TaskState.Pending)));
    }

    [Theory]
    [InlineData(TaskState.Complete, true)]
    [InlineData(TaskState.Failed, true)]
    [InlineData(TaskState.Rejected, true)]
    [InlineData(TaskState.Shutdown, true)]
    [InlineData(TaskState.Orphaned, true)]
    [InlineData(TaskState.Running, false)]
    [InlineData(TaskState.Pending, false)]
    [InlineData(TaskState.Starting, false)]
    public void Ended_states_are_those_a_task_never_leaves(TaskState state, bool ended)
    {
        Assert.Equal(ended, ServiceTasks.HasEnded(state));
    }
}
