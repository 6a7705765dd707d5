namespace TrainingHub.Web;

/// <summary>
/// The site's words: <c>Resources/SharedResource.resx</c> lists every English text the pages show (the key is the text),
/// and <c>SharedResource.es.resx</c> their Spanish. A page asks <c>L["…"]</c>; a text missing from a language falls back
/// to English (a test fails when the Spanish file lacks a key of the English one).
/// </summary>
public sealed class SharedResource;
