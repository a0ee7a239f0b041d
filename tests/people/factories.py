import factory
from django.utils.text import slugify

from people.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    name_zh = factory.Sequence(lambda n: f"导演{n}")
    bio = factory.Faker("paragraph")

    @factory.lazy_attribute_sequence
    def slug(self, n):
        return f"{slugify(self.name)}-{n}"
