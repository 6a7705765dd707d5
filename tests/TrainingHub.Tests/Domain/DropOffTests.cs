using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

public sealed class DropOffTests
{
    public static TheoryData<string, int[], bool[], int[], int[], int, int> Cases => new()
    {
        // name, furthest module per trainee (-1: not started), completed per trainee, reached per module, stopped per module, not started, completed
        { "no trainees", [], [], [0, 0, 0], [0, 0, 0], 0, 0 },
        { "nobody started", [-1, -1], [false, false], [0, 0, 0], [0, 0, 0], 2, 0 },
        { "one at each module", [0, 1, 2], [false, false, false], [3, 2, 1], [1, 1, 1], 0, 0 },
        { "completers reached every module", [2, 2, 1], [true, false, false], [3, 3, 2], [0, 1, 1], 0, 1 },
        { "a completer with no hours still counts as reaching every module", [-1], [true], [1, 1, 1], [0, 0, 0], 0, 1 },
        { "a module index past the end counts as the last", [7], [false], [1, 1, 1], [0, 0, 1], 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_funnel_counts_who_reached_each_module_and_who_stopped_there(string name, int[] furthest, bool[] completed, int[] reached, int[] stopped, int notStarted, int completers)
    {
        var funnel = DropOff.For(3, furthest.Select((f, i) => new DropOff.Trainee(f, completed[i])).ToList());
        Assert.True(reached.SequenceEqual(funnel.Steps.Select(s => s.Reached)), $"{name}: reached {string.Join(",", funnel.Steps.Select(s => s.Reached))}");
        Assert.True(stopped.SequenceEqual(funnel.Steps.Select(s => s.StoppedHere)), $"{name}: stopped {string.Join(",", funnel.Steps.Select(s => s.StoppedHere))}");
        Assert.Equal(notStarted, funnel.NotStarted);
        Assert.Equal(completers, funnel.Completed);
        Assert.Equal(furthest.Length, funnel.Enrolled);
    }
}
