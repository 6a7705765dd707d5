using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrainingHub.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
