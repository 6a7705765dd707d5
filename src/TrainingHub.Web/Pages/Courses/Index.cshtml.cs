using Mediator;
using TrainingHub.Features.Catalog;

namespace TrainingHub.Web.Pages.Courses;

public sealed class CatalogModel(ISender sender) : AppPageModel(sender)
{
    public IReadOnlyList<ListCourses.Item> Courses { get; private set; } = [];

    public async Task OnGetAsync() => Courses = await Sender.Send(new ListCourses.Query(PersonIdOrNull));
}
