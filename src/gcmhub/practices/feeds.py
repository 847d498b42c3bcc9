from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from gcmhub.practices import search


class NewPracticesFeed(Feed):
    title = _("gcmhub: new practices")
    description = _("Practices newly published in the GCM Repository of Practices.")

    def link(self):
        from django.urls import reverse

        return reverse("practices:index")

    def items(self):
        return search.published().select_related("primary_objective").order_by("-published_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.implementing_entity


class NewPracticesAtomFeed(NewPracticesFeed):
    feed_type = Atom1Feed
    subtitle = NewPracticesFeed.description
