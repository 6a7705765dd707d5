using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
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
            404 => ("We could not find that page", detail ?? "The address may be mistyped, or the page may have moved."),
            403 => ("This page is not open to you", detail ?? "Your account does not have access to this page. If you think it should, ask your site coordinator."),
            400 => ("Something in the request was not right", "Please go back, reload the page and try again."),
            413 => ("This file is too large", detail ?? "What you sent is larger than this form takes. Choose a smaller file."),
            429 => ("Please wait a minute", "There were too many tries from your connection. Wait a minute, then try again."),
            _ => ("Something went wrong on our side", "It is not your fault. Please try again in a few minutes. If it keeps happening, tell your site coordinator."),
        };
        if (code is not null) Response.StatusCode = status;
    }
}
