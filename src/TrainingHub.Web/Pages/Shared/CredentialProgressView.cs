
using TrainingHub.Features.Credentials.Targets;

namespace TrainingHub.Web.Pages.Shared;

/// <summary>What the credential progress partial shows: one chosen credential, whether the person looking is its owner, and where the packet downloads from.</summary>
/// <param name="SignError">Set when the owner's code-of-ethics form for this credential was refused: the field errors go next to it.</param>
public sealed record CredentialProgressView(MyCredentials.Target Target, bool IsSelf, string PacketUrl, string? TypedName = null, bool SignError = false);
