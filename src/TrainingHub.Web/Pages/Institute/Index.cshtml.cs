using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrainingHub.Web.Pages.Institute;

public sealed class InstituteModel : PageModel
{
    public void OnGet()
    {
    }
}
