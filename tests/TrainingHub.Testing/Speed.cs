namespace TrainingHub.Testing;

/// <summary>The trait <c>tools/test.sh --fast</c> filters on: <c>[Trait(Speed.Trait, Speed.Slow)]</c>.</summary>
public static class Speed
{
    public const string Trait = "Speed";

    /// <summary>Shells out to a program (poppler, zbar) or renders pages large; CI runs these, <c>--fast</c> does not.</summary>
    public const string Slow = "Slow";
}
