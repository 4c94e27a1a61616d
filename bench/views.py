"""Reference views both apps mount: a constant JSON answer and a bare one-row insert."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


def constant(request):
    return JsonResponse({"ok": True})


@csrf_exempt
def bare_insert(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (body) VALUES (%s)", [request.body.decode()])
    return JsonResponse({"ok": True}, status=201)
