using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Home;

/// <summary>Sends a signed-in person to their role's home (see <see cref="RoleHomes"/>).</summary>
public sealed class HomeModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(RoleHomes.LandingFor(User));
}
