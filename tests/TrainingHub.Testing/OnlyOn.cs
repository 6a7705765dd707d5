namespace TrainingHub.Testing;

/// <summary>
/// The trait the PostgreSQL pass of <c>tools/test.sh</c> filters out: <c>[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]</c> marks a test
/// of SQLite's own machinery (the write gate, grouped commits), which a server database never uses.
/// </summary>
public static class OnlyOn
{
    public const string Trait = "OnlyOn";

    public const string Sqlite = "Sqlite";
}
