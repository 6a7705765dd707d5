using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        var detail = HttpContext.Items[OutcomeExceptionFilter.MessageKey] as string;
        (Title, Message) = status switch
        {
            404 => (L["We could not find that page"].Value, detail ?? L["The address may be mistyped, or the page may have moved."].Value),
            403 => (L["This page is not open to you"].Value, detail ?? L["Your account does not have access to this page. If you think it should, ask your site coordinator."].Value),
            400 => (L["Something in the request was not right"].Value, L["Please go back, reload the page and try again."].Value),
            413 => (L["This file is too large"].Value, detail ?? L["What you sent is larger than this form takes. Choose a smaller file."].Value),
            429 => (L["Please wait a minute"].Value, L["There were too many tries from your connection. Wait a minute, then try again."].Value),
            _ => (L["Something went wrong on our side"].Value, L["It is not your fault. Please try again in a few minutes. If it keeps happening, tell your site coordinator."].Value),
        };
        if (code is not null) Response.StatusCode = status;
    }
}
