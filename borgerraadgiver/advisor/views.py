from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    return redirect("advisor:inquiry_list")


inquiry_list = inquiry_register = inquiry_detail = inquiry_edit = contact_add = home
