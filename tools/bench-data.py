#!/usr/bin/env python3
"""Deterministic libraries and site exports for tools/bench.

Usage:
  bench-data.py library DIR N          N fiche files in DIR (made if missing)
  bench-data.py export FILE N [START]  a site JSON export of N fiches
                                       (ids START… so that an import adds them)

Fiches are made from the test fixtures (tests/export/library,
tests/model/fixtures): each takes a fixture's shape, a name, place, kind,
région, dates, tags, contacts and budget lines drawn from a generator
seeded with its number, and sections long enough that the average file is
about 3.6 KB, as in a real library of that size (36 MiB for 10,000). The
same N always gives the same bytes.
"""

import json
import os
import random
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = [
    'tests/export/library/communaute-d-agglomeration-du-val-de-loue.json',
    'tests/export/library/commune-de-saint-aubin-des-pres.json',
    'tests/export/library/conseil-departemental-des-hautes-landes.json',
    'tests/model/fixtures/communaute-urbaine-creusot-montceau.json',
]
KINDS = [
    ('commune', 'Commune de'), ('communaute-de-communes', 'Communauté de communes de'),
    ('communaute-d-agglomeration', "Communauté d'agglomération de"),
    ('communaute-urbaine', 'Communauté urbaine de'), ('metropole', 'Métropole de'),
    ('conseil-departemental', 'Conseil départemental de'),
    ('conseil-regional', 'Conseil régional de'), ('syndicat', 'Syndicat mixte de'),
    ('pays-petr', 'Pays de'), ('other', 'Groupement de'),
]
PLACES = [
    ('Besançon', '25000', 'Bourgogne-Franche-Comté'), ('Dijon', '21000', 'Bourgogne-Franche-Comté'),
    ('Rennes', '35000', 'Bretagne'), ('Brest', '29200', 'Bretagne'),
    ('Tours', '37000', 'Centre-Val de Loire'), ('Ajaccio', '20000', 'Corse'),
    ('Strasbourg', '67000', 'Grand Est'), ('Nancy', '54000', 'Grand Est'),
    ('Lille', '59000', 'Hauts-de-France'), ('Amiens', '80000', 'Hauts-de-France'),
    ('Saint-Denis', '93200', 'Île-de-France'), ('Montreuil', '93100', 'Île-de-France'),
    ('Caen', '14000', 'Normandie'), ('Rouen', '76000', 'Normandie'),
    ('Bordeaux', '33000', 'Nouvelle-Aquitaine'), ('Limoges', '87000', 'Nouvelle-Aquitaine'),
    ('Toulouse', '31000', 'Occitanie'), ('Figeac', '46100', 'Occitanie'),
    ('Nantes', '44000', 'Pays de la Loire'), ('Angers', '49000', 'Pays de la Loire'),
    ('Marseille', '13001', "Provence-Alpes-Côte d'Azur"), ('Digne-les-Bains', '04000', "Provence-Alpes-Côte d'Azur"),
    ('Lyon', '69001', 'Auvergne-Rhône-Alpes'), ('Saint-Étienne', '42000', 'Auvergne-Rhône-Alpes'),
    ('Pointe-à-Pitre', '97110', 'Guadeloupe'), ('Saint-Pierre', '97410', 'La Réunion'),
]
TAGS = ['elu-dedie', 'commande-publique', 'appels-a-projets', 'ptce', 'dla', 'iae',
        'economie-circulaire', 'finance-solidaire', 'tiers-lieux', 'cae', 'scop-scic',
        'commerce-equitable', 'alimentation', 'innovation-sociale']
FIRST = ['Claire', 'Jean', 'Anne', 'Paul', 'Marie', 'Yannick', 'Sophie', 'Karim', 'Léa',
         'Hervé', 'Nadia', 'Éric', 'Chloé', 'Mathieu', 'Inès', 'Dominique']
LAST = ['Martin', 'Bernard', 'Dubois', 'Le Gall', 'Fabre', 'Roux', 'Mercier', 'Benali',
        'Lefèvre', 'Garnier', 'Chevalier', 'Moreau', 'Lambert', 'Fontaine']
ROLES = ['Maire', 'Élu·e référent·e ESS', 'Vice-président', 'Chargée de mission ESS',
         'Directeur du développement économique', 'Adjointe à l’économie solidaire']


def paragraphs():
    """Every text section of the fixtures, the raw material of sections."""
    found = []
    for path in FIXTURES:
        with open(os.path.join(TOP, path), encoding='utf-8') as f:
            fiche = json.load(f)
        for key in ('panorama', 'programme', 'actions'):
            if fiche.get(key):
                found.append(fiche[key])
        if fiche.get('budget', {}).get('text'):
            found.append(fiche['budget']['text'])
    return found


def templates():
    result = []
    for path in FIXTURES:
        with open(os.path.join(TOP, path), encoding='utf-8') as f:
            result.append(json.load(f))
    return result


def slug(text):
    import unicodedata
    text = unicodedata.normalize('NFKD', text).encode('ascii', 'ignore').decode().lower()
    out, dash = [], False
    for c in text:
        if c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append('-')
            dash = True
    return ''.join(out).strip('-')


def section(rng, texts, n):
    return '\n\n'.join(rng.choice(texts) for _ in range(n))


def make_fiche(i, shapes, texts):
    rng = random.Random(i)
    shape = json.loads(json.dumps(shapes[i % len(shapes)]))
    kind, prefix = KINDS[rng.randrange(len(KINDS))]
    city, postcode, region = PLACES[rng.randrange(len(PLACES))]
    name = f'{prefix} {city} {i:05d}'
    fiche = shape
    fiche['id'] = slug(name)
    fiche['name'] = name
    fiche['status'] = 'draft' if rng.random() < 0.3 else 'published'
    fiche['kind'] = kind
    fiche['region'] = region
    fiche['population'] = rng.randrange(500, 900000)
    fiche['member_since'] = rng.randrange(2003, 2026)
    fiche['updated'] = f'{rng.randrange(2018, 2027)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}'
    fiche['address'] = {'lines': [f'{rng.randrange(1, 120)} rue de la République'],
                        'postcode': postcode, 'city': city, 'country': 'France'}
    fiche['panorama'] = section(rng, texts, rng.randrange(2, 5))
    fiche['programme'] = section(rng, texts, rng.randrange(2, 6))
    fiche['actions'] = section(rng, texts, rng.randrange(1, 7))
    lines = []
    for _ in range(rng.randrange(0, 4)):
        lines.append({'amount': rng.randrange(5, 5000) * 1000, 'year': rng.randrange(2019, 2027),
                      'section': rng.choice(['fonctionnement', 'investissement', None]),
                      'forecast': rng.random() < 0.2, 'label': ''})
    fiche['budget'] = {'text': section(rng, texts, rng.randrange(0, 2)), 'lines': lines}
    contacts = []
    for _ in range(rng.randrange(1, 5)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        contacts.append({'role': rng.choice(ROLES), 'category': rng.choice(['elected', 'staff']),
                         'name': f'{first} {last}', 'title': '', 'service': '',
                         'email': f'{slug(first)}.{slug(last)}@{slug(city)}.fr',
                         'phone': f'0{rng.randrange(1, 6)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} '
                                  f'{rng.randrange(10, 99)} {rng.randrange(10, 99)}',
                         'rtes_board': rng.random() < 0.1})
    fiche['contacts'] = contacts
    fiche['tags'] = sorted(rng.sample(TAGS, rng.randrange(0, 4)))
    return fiche


def library(directory, n):
    os.makedirs(directory, exist_ok=True)
    shapes, texts = templates(), paragraphs()
    for i in range(n):
        fiche = make_fiche(i, shapes, texts)
        with open(os.path.join(directory, fiche['id'] + '.json'), 'w', encoding='utf-8') as f:
            json.dump(fiche, f, ensure_ascii=False, indent=2)
            f.write('\n')


def export(path, n, start=0):
    shapes, texts = templates(), paragraphs()
    fiches = []
    for i in range(start, start + n):
        fiche = make_fiche(i, shapes, texts)
        fiche['revision'] = str(i + 1)
        fiches.append(fiche)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump({'format': 'rtes-site-export', 'version': 1,
                   'generated': '2026-11-20T10:00:00Z', 'fiches': fiches},
                  f, ensure_ascii=False, indent=1)


def main(argv):
    if len(argv) >= 4 and argv[1] == 'library':
        library(argv[2], int(argv[3]))
    elif len(argv) >= 4 and argv[1] == 'export':
        export(argv[2], int(argv[3]), int(argv[4]) if len(argv) > 4 else 0)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
