using Mediator;
using TrainingHub.Features.Sites.Onboarding;

namespace TrainingHub.Web.Pages.Institute;

public sealed class InstituteSitesModel(ISender sender) : AppPageModel(sender)
{
    public OnboardingBoard.Result Board { get; private set; } = null!;

    public async Task OnGetAsync() => Board = await Sender.Send(new OnboardingBoard.Query(PersonId));
}
