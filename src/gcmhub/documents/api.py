from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from gcmhub.documents import ingestion, queries, tagging, workflow
from gcmhub.documents.classification import classify_text
from gcmhub.documents.models import Document, Paragraph
from gcmhub.documents.search import query_from_params, search
from gcmhub.documents.serializers import (
    ClassifyRequestSerializer,
    ClassifyResponseSerializer,
    DocumentSerializer,
    ParagraphSerializer,
    SearchResponseSerializer,
    TagReviewSerializer,
    UploadSerializer,
    hit_dict,
)


def _visible_document(request, pk) -> Document:
    """The document if this user may see it; 404 otherwise (its existence is not revealed)."""
    document = queries.visible_document(request.user, pk)
    if document is None:
        raise Http404
    return document


class DocumentViewSet(viewsets.GenericViewSet):
    serializer_class = DocumentSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = ["kind", "language", "publication", "processing"]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return queries.visible_documents(self.request.user).order_by("-uploaded_at", "-pk")

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(DocumentSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(DocumentSerializer(_visible_document(request, pk)).data)

    @extend_schema(request=UploadSerializer, responses={201: DocumentSerializer})
    def create(self, request):
        if not request.user.has_perm("documents.add_document"):
            raise PermissionDenied
        form = UploadSerializer(data=request.data, context={"user": request.user})
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            document = ingestion.submit(
                data["file"],
                by=request.user,
                title=data.get("title", ""),
                kind=data["kind"],
                country=data.get("country"),
                region=data.get("region"),
                organization=data.get("organization"),
                date=data.get("date"),
                language=data.get("language", ""),
                source_url=data.get("source_url", ""),
                on_duplicate=data.get("on_duplicate", "refuse"),
                version_of=data.get("version_of"),
            )
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from exc
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=DocumentSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        document = _visible_document(request, pk)
        return Response(DocumentSerializer(workflow.publish(document, by=request.user)).data)

    @extend_schema(request=None, responses=DocumentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        document = _visible_document(request, pk)
        return Response(DocumentSerializer(workflow.withdraw(document, by=request.user)).data)

    @extend_schema(responses=ParagraphSerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=ParagraphSerializer)
    def paragraphs(self, request, pk=None):
        document = _visible_document(request, pk)
        page = self.paginate_queryset(queries.paragraphs_with_details(document))
        return self.get_paginated_response(ParagraphSerializer(page, many=True).data)


class ParagraphReviewView(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(request=TagReviewSerializer, responses=ParagraphSerializer)
    def post(self, request, pk):
        paragraph = get_object_or_404(Paragraph.objects.select_related("document"), pk=pk)
        _visible_document(request, paragraph.document_id)  # 404 for a document one can't see
        if not request.user.has_perm("documents.review_tags", paragraph.document):
            raise PermissionDenied
        form = TagReviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        tagging.review(
            paragraph,
            objectives=form.validated_data["objectives"],
            principles=form.validated_data["principles"],
            note=form.validated_data.get("note", ""),
            by=request.user,
        )
        fresh = queries.paragraphs_with_details(paragraph.document).get(pk=pk)
        return Response(ParagraphSerializer(fresh).data)


class SearchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True),
            OpenApiParameter("objective", int),
            OpenApiParameter("principle", str),
            OpenApiParameter("kind", str),
            OpenApiParameter("country", str),
            OpenApiParameter("region", str),
            OpenApiParameter("language", str),
            OpenApiParameter("year", int),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        results = search(query_from_params(request.query_params))
        return Response(
            {
                "total": results.total,
                "engine": results.engine,
                "hits": [hit_dict(h) for h in results.hits],
                "facets": results.facets,
            }
        )


class ClassifyView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=ClassifyRequestSerializer, responses=ClassifyResponseSerializer)
    def post(self, request):
        form = ClassifyRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return Response(classify_text(form.validated_data["text"], form.validated_data["top"]))
