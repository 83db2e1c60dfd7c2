/// <reference lib="dom" />
/**
 * End-to-end journeys in Debian's Chromium (playwright-core) against the real server: API and SvelteKit build on
 * one port, fresh data folder. Every main page is checked with axe-core (no serious or critical violation) and
 * saved as a screenshot under tests/output/screenshots/.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, launchBrowser, screenshot, seriousViolations } from './support/browser.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../service/src/demo/accounts.ts';
import { hasChromium, hasWebBuild, startServer, type RunningServer } from './support/server.ts';

const PASSWORD = 'une phrase de passe solide';
const MISSION_TITLE = 'Aide aux devoirs pour des collégiens';

if (!hasChromium()) console.warn('tests/e2e skipped: /usr/bin/chromium is absent (apt-get install -y chromium).');

// CI (.ci/run) installs chromium and sets E2E_REQUIRED: there, a missing browser fails the suite instead of skipping it.
it.runIf(!hasChromium() && !!process.env.E2E_REQUIRED)('has chromium where end-to-end tests are required', () => {
  expect.fail('E2E_REQUIRED is set but /usr/bin/chromium is absent: the web journeys would not run.');
});

describe.skipIf(!hasChromium())('web journeys (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  const checked: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    if (!hasWebBuild()) console.warn('web/build missing: the server builds the web app on first start (about a minute).');
    server = await startServer('service/src/main.ts');
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Screenshot and axe check of the page as it is now. */
  async function inspect(page: Page, name: string) {
    await screenshot(page, name);
    const found = await seriousViolations(page);
    checked.push(name);
    if (found.length) violations.push(describeViolations(name, found));
  }

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  /** The link of the first e-mail to `to` whose link goes to `path` (an invited address also gets its invitation). */
  async function waitForMail(to: string, path = '/'): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const mail = server.mails.find((m) => m.to === to && new URL(m.link).pathname.startsWith(path));
      if (mail) return new URL(mail.link).pathname + new URL(mail.link).search;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no e-mail to ${to} with a link to ${path}; server output:\n${server.output.slice(-20).join('\n')}`);
  }

  async function signUpAndLogIn(page: Page, name: string, email: string, shots = false) {
    await page.goto(server.url + '/compte/inscription');
    if (shots) await inspect(page, 'inscription');
    await page.getByLabel('Votre nom ou prénom').fill(name);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.locator('#f-password').fill(PASSWORD);
    await page.getByLabel('Confirmez le mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText('Presque fini').waitFor();
    await page.goto(server.url + (await waitForMail(email, '/compte/confirmer')));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.waitForURL(/\/compte\/connexion/);
    if (shots) await inspect(page, 'connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.locator('#f-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  }

  it('anonymous visitor: home, search, missions list', async () => {
    const { context, page } = await newPage();
    await page.goto(server.url + '/');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await inspect(page, 'accueil-anonyme');
    // Server-side validation, shown next to the field, without JavaScript being needed.
    await page.getByRole('button', { name: 'Chercher des missions' }).click();
    await page.waitForURL(/souhait=/);
    await page.locator('#f-souhait-error, #f-commune-error').first().waitFor();
    await inspect(page, 'accueil-erreurs');
    await page.goto(server.url + '/missions');
    await inspect(page, 'missions');
    await page.goto(server.url + '/associations');
    await inspect(page, 'associations');
    await context.close();
  });

  it('forms work without JavaScript: server-side errors next to the field', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + '/compte/inscription');
    await page.getByLabel('Votre nom ou prénom').fill('Sans Script');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.locator('#f-password').fill('court');
    await page.getByLabel('Confirmez le mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.locator('#f-email-error').waitFor();
    expect(await page.locator('#f-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-email').getAttribute('aria-describedby')).toContain('f-email-error');
    expect(await page.locator('#f-password-error').textContent()).toContain('10');
    // Values typed are kept, passwords are not echoed.
    expect(await page.locator('#f-displayName').inputValue()).toBe('Sans Script');
    expect(await page.locator('#f-password').inputValue()).toBe('');
    // axe needs JavaScript: this page is checked with JavaScript on in the other journeys.
    await screenshot(page, 'inscription-erreurs-sans-js');
    await context.close();
  });

  /**
   * A slow device or network: the page is there (server-rendered) before the script that takes it over. `fill`
   * runs while the page's scripts are held back; the page is hydrated once they are released.
   */
  async function beforeHydration(page: Page, path: string, fill: () => Promise<void>) {
    let release = () => {};
    const scriptsHeld = new Promise<void>((r) => (release = r));
    await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto(server.url + path, { waitUntil: 'domcontentloaded' });
    await fill();
    release();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  }

  it('keeps what a visitor typed before the page\'s script ran', async () => {
    // Hydration used to set every field back to its server value, so the login sent two empty fields (seen in CI
    // under load).
    const { context, page } = await newPage();
    const { email } = DEMO_ACCOUNTS.find((a) => a.role === 'moderator')!;
    await beforeHydration(page, '/compte/connexion', async () => {
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.locator('#f-password').fill(DEMO_PASSWORD);
    });
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(email);
    expect(await page.locator('#f-password').inputValue()).toBe(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await context.close();
  });

  it('keeps a wish, ticked boxes and a search typed before the page\'s script ran', async () => {
    // The home page's wish is a text area, its options checkboxes: hydration emptied the one and reset the others.
    const { context, page } = await newPage();
    const wish = 'aider des enfants à faire leurs devoirs';
    await beforeHydration(page, '/', async () => {
      await page.getByLabel('Qu’aimeriez-vous faire ?').fill(wish);
      await page.getByLabel('Votre commune').fill('Strasbourg (67000)');
      await page.getByLabel('Missions à distance aussi').setChecked(false);
    });
    expect(await page.getByLabel('Qu’aimeriez-vous faire ?').inputValue()).toBe(wish);
    expect(await page.getByLabel('Missions à distance aussi').isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Chercher des missions' }).click();
    await page.waitForURL((url) => url.searchParams.get('souhait') === wish && !url.searchParams.has('distance'));
    await page.getByRole('heading', { name: new RegExp(`pour « ${wish} »`) }).waitFor();

    // The missions list: a search box and a theme ticked before hydration.
    const search = await context.newPage();
    await beforeHydration(search, '/missions', async () => {
      await search.getByLabel('Mots-clés').fill('devoirs');
      await search.locator('input[name="theme"]').first().check();
    });
    expect(await search.getByLabel('Mots-clés').inputValue()).toBe('devoirs');
    expect(await search.locator('input[name="theme"]').first().isChecked()).toBe(true);
    await context.close();
  });

  let associationId = '';
  let missionId = '';
  const assoEmail = `asso-${Date.now()}@example.org`;

  it('an association registers and publishes a mission', async () => {
    const { context, page } = await newPage();
    await signUpAndLogIn(page, 'Claire Martin', assoEmail, true);
    await page.goto(server.url + '/espace-association/nouvelle');
    await page.getByRole('button', { name: 'Inscrire l’association' }).click();
    await page.locator('#f-name-error').waitFor();
    await inspect(page, 'association-inscription-erreurs');
    await page.getByLabel('Nom de l’association').fill('Coup de pouce scolaire');
    await page.getByLabel('Numéro RNA').fill('W672000123');
    await page.getByLabel('Commune du siège').fill('Strasbourg (67000)');
    await page.getByLabel('Objet de l’association').fill('Soutien scolaire gratuit pour les enfants du quartier.');
    await page.getByLabel('Éducation, soutien scolaire et formation').check();
    await page.getByRole('button', { name: 'Inscrire l’association' }).click();
    await page.waitForURL(/\/espace-association\/[0-9a-f-]{36}\?inscrite/);
    associationId = page.url().match(/espace-association\/([0-9a-f-]{36})/)![1];
    await inspect(page, 'association-tableau-vide');

    await page.getByRole('link', { name: 'Publier une mission' }).click();
    await page.getByLabel('Titre de la mission').fill(MISSION_TITLE);
    await page.getByLabel('Description').fill('Aider des enfants de 11 à 15 ans à faire leurs devoirs, le mercredi après-midi, au local de l’association.');
    await page.getByLabel('Commune (pour une mission sur place)').fill('Strasbourg (67000)');
    await page.getByLabel('Mercredi après-midi').check();
    await page.getByLabel('Samedi matin').check();
    await page.getByLabel('Nombre de places').fill('3');
    await page.getByLabel('Éducation, soutien scolaire et formation').check();
    await page.getByRole('button', { name: 'Publier la mission' }).click();
    await page.waitForURL(/\/missions\/[0-9a-f-]{36}\?publiee/);
    missionId = page.url().match(/missions\/([0-9a-f-]{36})/)![1];
    await page.getByText('La mission est publiée').waitFor();
    await context.close();
  });

  let citizenContext: BrowserContext;
  it('a citizen signs up, fills the profile, sees suggested missions and applies', async () => {
    const { context, page } = await newPage();
    citizenContext = context;
    await signUpAndLogIn(page, 'Karim', `karim-${Date.now()}@example.org`);
    await page.goto(server.url + '/profil');
    await inspect(page, 'profil-vide');
    // An unknown commune is refused next to its field.
    await page.locator('#f-commune').fill('Atlantis');
    await page.getByRole('button', { name: 'Créer mon profil' }).click();
    expect(await page.locator('#f-commune-error').textContent()).toContain('introuvable');
    await page.getByLabel('Ce que j’aimerais faire').fill('Aider des enfants à faire leurs devoirs, j’aime expliquer les maths.');
    await page.locator('#f-commune').fill('Strasbourg (67000)');
    await page.getByLabel('Distance maximale (km)').fill('15');
    await page.getByLabel('Mercredi après-midi').check();
    await page.getByLabel('Samedi matin').check();
    await page.getByLabel('Éducation, soutien scolaire et formation').check();
    await page.getByLabel(/Les associations peuvent me trouver/).check();
    await page.getByRole('button', { name: 'Créer mon profil' }).click();
    await page.getByText('Votre profil est créé').waitFor();
    await inspect(page, 'profil');

    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Missions suggérées pour vous' }).waitFor();
    await page.getByText('Pourquoi cette mission ?').first().click();
    await inspect(page, 'accueil-suggestions');

    // Among the demo territory's thousand missions, the one posted above need not be in the first page.
    await page.goto(`${server.url}/missions/${missionId}`);
    await page.getByRole('heading', { name: 'Pourquoi cette mission pour vous ?' }).waitFor();
    await inspect(page, 'mission');
    await page.getByLabel('Un mot pour l’association (facultatif)').fill('Je suis disponible dès mercredi prochain.');
    await page.getByRole('button', { name: 'Je me propose' }).click();
    await page.getByText('Votre candidature est envoyée').waitFor();
  });

  it('the association sees the application and accepts it', async () => {
    const { context, page } = await newPage();
    await page.goto(server.url + '/compte/connexion');
    await page.getByLabel('Adresse e-mail').fill(assoEmail);
    await page.locator('#f-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${server.url}/espace-association/${associationId}`);
    expect((await page.locator('table.data tr', { hasText: MISSION_TITLE }).locator('td').last().textContent())?.trim()).toBe('1');
    await inspect(page, 'association-tableau');
    await page.getByRole('link', { name: MISSION_TITLE }).click();
    await page.getByRole('button', { name: 'Accepter la candidature de Karim' }).waitFor();
    await inspect(page, 'association-mission');
    await page.getByRole('button', { name: 'Accepter la candidature de Karim' }).click();
    await page.getByText('Candidature de Karim acceptée').waitFor();
    await page.goto(`${server.url}/espace-association/${associationId}/bureau`);
    await page.getByRole('heading', { name: 'Postes à pourvoir' }).waitFor();
    await inspect(page, 'association-bureau');
    await page.goto(`${server.url}/espace-association/${associationId}/entreprises`);
    await page.getByRole('heading', { name: 'Nos besoins' }).waitFor();
    await inspect(page, 'association-entreprises');
    await context.close();

    // The citizen sees the decision on their profile.
    const page2 = await citizenContext.newPage();
    await page2.goto(server.url + '/profil');
    expect(await page2.locator('table.data tr', { hasText: MISSION_TITLE }).textContent()).toContain('acceptée');
    await citizenContext.close();
  });

  /** Logs in with one of the demo accounts that `npm start` creates (staff roles cannot be self-granted). */
  async function logIn(page: Page, role: 'organiser' | 'moderator' | 'association_admin' | 'association_member' | 'company_admin' | 'platform_admin') {
    await page.goto(server.url + '/compte/connexion');
    await page.getByLabel('Adresse e-mail').fill(DEMO_ACCOUNTS.find((a) => a.role === role)!.email);
    await page.locator('#f-password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // The page's text in the report if it fails: that is how a login sent with two empty fields, filled before the
    // page's script ran, was found (the journey above pins it).
    await page
      .getByRole('button', { name: 'Se déconnecter' })
      .waitFor()
      .catch(async (e) => {
        throw new Error(`login as ${role} did not complete at ${page.url()}:\n${(await page.locator('main').innerText()).slice(0, 800)}`, { cause: e });
      });
  }

  it('a company CSR manager registers the company and publishes an offer', async () => {
    const { context, page } = await newPage();
    await signUpAndLogIn(page, 'Sophie RSE', `rse-${Date.now()}@example.org`);
    await page.goto(server.url + '/espace-entreprise');
    await inspect(page, 'entreprise-vide');
    await page.getByRole('link', { name: 'Inscrire une entreprise' }).click();
    await page.getByLabel('Nom de l’entreprise').fill('Alsace Numérique SAS');
    await page.getByLabel('Numéro SIREN').fill('732829321');
    await page.getByLabel('Commune', { exact: false }).first().fill('Schiltigheim (67300)');
    await page.getByRole('button', { name: 'Inscrire l’entreprise' }).click();
    expect(await page.locator('#f-siren-error').textContent()).toContain('SIREN');
    await page.getByLabel('Numéro SIREN').fill('732829320');
    await page.getByRole('button', { name: 'Inscrire l’entreprise' }).click();
    await page.waitForURL(/\/espace-entreprise\/[0-9a-f-]{36}\?inscrite/);
    await page.getByRole('link', { name: 'Proposer une offre' }).click();
    await page.getByLabel('Titre').fill('Deux développeurs pour votre site web');
    await page.getByRole('button', { name: 'Publier l’offre' }).click();
    await page.locator('#f-hours-error').waitFor();
    await inspect(page, 'entreprise-offre-erreurs');
    await page.getByLabel('Heures (mécénat de compétences)').fill('40');
    // The first refusal (no skill for a skills offer) left the skills section open.
    await page.locator('details', { has: page.locator('summary', { hasText: 'Compétences apportées' }) }).evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.getByLabel('Développement web').check();
    await page.getByRole('button', { name: 'Publier l’offre' }).click();
    await page.getByText('Offre publiée').waitFor();
    await inspect(page, 'entreprise-offre');
    await page.getByRole('link', { name: '← Offres' }).click();
    await inspect(page, 'entreprise-offres');
    await context.close();
  });

  it('a moderator sees the pending organisations and verifies one', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'moderator');
    await page.goto(server.url + '/moderation');
    await page.getByRole('button', { name: 'Vérifier Coup de pouce scolaire' }).waitFor();
    await inspect(page, 'moderation');
    await page.getByRole('button', { name: 'Vérifier Coup de pouce scolaire' }).click();
    await page.getByText('Coup de pouce scolaire : vérifiée').waitFor();
    await context.close();
  });

  it('an organiser generates a speed-dating schedule and downloads an agenda', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'organiser');
    await page.goto(server.url + '/espace-organisateur');
    await inspect(page, 'organisateur');
    await page.getByLabel('Date').fill('2027-03-18');
    await page.getByLabel('Nombre de rondes').fill('3');
    await page.getByLabel('Nombre de tables').fill('1');
    await page.getByRole('button', { name: 'Créer la session' }).click();
    await page.waitForURL(/\/espace-organisateur\/[0-9a-f-]{36}$/);
    for (const name of ['Coup de pouce scolaire', 'Alsace Numérique SAS']) {
      await page.getByLabel('Association ou entreprise').selectOption({ label: name });
      await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
      await page.getByRole('button', { name: `Retirer ${name}` }).waitFor();
    }
    await page.locator('#f-level').selectOption('must');
    await page.getByRole('button', { name: 'Enregistrer le souhait' }).click();
    await page.getByText('Souhait enregistré').waitFor();
    await page.getByRole('button', { name: 'Générer le planning' }).click();
    await page.locator('table.timetable').waitFor();
    expect(await page.locator('table.timetable').textContent()).toContain('Alsace Numérique SAS');
    await inspect(page, 'organisateur-planning');

    await page.getByLabel('Re-planifier à partir de la ronde').fill('2');
    await page.getByRole('button', { name: 'Re-planifier' }).click();
    await page.getByText('Planning recalculé').waitFor();

    const agendaLink = page.getByRole('link', { name: 'agenda à imprimer' }).first();
    await agendaLink.click();
    await page.getByRole('columnheader', { name: 'Vous rencontrez' }).waitFor();
    await inspect(page, 'agenda');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /\.ics/ }).click()]);
    const stream = await download.createReadStream();
    let ics = '';
    for await (const chunk of stream) ics += chunk.toString();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    await context.close();
  });

  it('an association and a company answer each other’s interest, talk in their partnership and close it', async () => {
    const OFFER = "Soutien financier à un projet pour l'inclusion numérique";
    const association = await newPage();
    await logIn(association.page, 'association_admin');
    await association.page.goto(server.url + '/espace-association');
    await association.page.getByRole('link', { name: 'Entreprises partenaires' }).click();
    // The demo company's offer is the association's first suggestion, but the association is not among the offer's
    // ten best associations: the company learns of the interest from the list of interests waiting for it.
    const offerCard = association.page.locator('li.card', { hasText: 'Cigogne Numérique Solidaire' }).filter({ hasText: OFFER });
    await offerCard.getByRole('button', { name: /Nous sommes intéressés/ }).click();
    await association.page.getByText('Votre intérêt est transmis à l’entreprise.').waitFor();
    // A click too fast is taken back (the company's list loses it), then said again.
    await offerCard.getByRole('button', { name: /Retirer notre intérêt/ }).click();
    await association.page.getByText('Intérêt retiré : l’entreprise ne le voit plus.').waitFor();
    await offerCard.getByRole('button', { name: /Nous sommes intéressés/ }).click();
    await association.page.getByText('Votre intérêt est transmis à l’entreprise.').waitFor();

    const company = await newPage();
    await logIn(company.page, 'company_admin');
    await company.page.goto(server.url + '/espace-entreprise');
    await company.page.getByRole('link', { name: OFFER }).click();
    await company.page.getByRole('heading', { name: 'Associations intéressées par cette offre' }).waitFor();
    await inspect(company.page, 'entreprise-interets');
    await company.page.getByRole('button', { name: 'Nous aussi : partenariat avec Coup de Pouce Neudorf' }).click();
    await company.page.getByText('Intérêt réciproque : un partenariat est proposé.').waitFor();
    await company.page.getByRole('link', { name: 'Coup de Pouce Neudorf' }).first().click();
    await company.page.waitForURL(/\/partenariats\/[0-9a-f-]{36}$/);
    const partnershipUrl = company.page.url();
    await company.page.getByRole('heading', { name: 'Partenariat Cigogne Numérique Solidaire × Coup de Pouce Neudorf' }).waitFor();
    expect(await company.page.locator('.head .badge').textContent()).toBe('proposé');
    // A message of blanks passes the browser's `required` check; the server refuses it next to the field.
    await company.page.getByLabel('Votre message').fill('   ');
    await company.page.getByRole('button', { name: 'Envoyer' }).click();
    expect(await company.page.locator('#f-body-error').textContent()).toContain('message vide');
    await company.page.getByRole('button', { name: 'Activer le partenariat' }).click();
    await company.page.getByText('Partenariat activé').waitFor();
    expect(await company.page.locator('.head .badge').textContent()).toBe('actif');
    await company.page.getByLabel('Votre message').fill('Bonjour ! Pouvons-nous nous rencontrer mardi pour préparer le projet ?');
    await company.page.getByRole('button', { name: 'Envoyer' }).click();
    await company.page.locator('.messages li', { hasText: 'Pouvons-nous nous rencontrer mardi' }).waitFor();
    await inspect(company.page, 'partenariat');

    // The association finds the partnership in its list, answers and closes it with what was given.
    await association.page.reload();
    await association.page.getByRole('link', { name: 'Cigogne Numérique Solidaire' }).first().click();
    await association.page.waitForURL(partnershipUrl);
    await association.page.locator('.messages li', { hasText: 'Sophie Wagner' }).waitFor();
    await association.page.getByLabel('Votre message').fill('Avec plaisir : mardi à 18 h, à la permanence.');
    await association.page.getByRole('button', { name: 'Envoyer' }).click();
    await association.page.locator('.messages li', { hasText: 'mardi à 18 h' }).waitFor();
    await association.page.getByLabel('Heures de bénévolat de compétences').fill('12');
    await association.page.getByLabel('Matériel donné ou prêté').fill('Deux ordinateurs portables');
    await association.page.getByRole('button', { name: 'Clore le partenariat' }).click();
    await association.page.getByText('Partenariat clos.').waitFor();
    expect(await association.page.locator('.facts').textContent()).toContain('12 heures · Deux ordinateurs portables');

    await company.page.reload();
    expect(await company.page.locator('.head .badge').textContent()).toBe('terminé');
    expect(await company.page.locator('.messages li').allTextContents()).toEqual([
      expect.stringContaining('Pouvons-nous nous rencontrer mardi'),
      expect.stringContaining('Avec plaisir : mardi à 18 h'),
    ]);
    await association.context.close();
    await company.context.close();
  });

  it('a company admin turns partnership e-mails off from the link of one, then chooses again in their settings', async () => {
    // The e-mails of the journey above: the association's interest was announced to the company's admin.
    const companyAdmin = DEMO_ACCOUNTS.find((a) => a.role === 'company_admin')!;
    const told = server.mails.find((m) => m.to === companyAdmin.email && m.text.includes('Ne plus les recevoir'));
    expect(told, 'an e-mail to the company admin with an unsubscribe link').toBeDefined();
    const unsubscribe = new URL(told!.text.match(/Ne plus les recevoir : (\S+)/)![1]);

    // Followed from a mail reader, signed out: one click confirms (opening the link alone changes nothing).
    const anonymous = await newPage();
    await anonymous.page.goto(server.url + unsubscribe.pathname + unsubscribe.search);
    await anonymous.page.getByText('Ne plus recevoir les e-mails « Partenariats » de Maillage ?').waitFor();
    await inspect(anonymous.page, 'desabonnement');
    await anonymous.page.getByRole('button', { name: 'Me désabonner' }).click();
    await anonymous.page.getByText('Vous ne recevrez plus les e-mails « Partenariats ».').waitFor();
    await anonymous.context.close();

    const { context, page } = await newPage();
    await logIn(page, 'company_admin');
    await page.goto(server.url + '/profil');
    await page.getByRole('link', { name: 'Choisir les e-mails que je reçois' }).click();
    await page.waitForURL(/\/compte\/notifications$/);
    await inspect(page, 'notifications');
    const box = (name: RegExp) => page.getByRole('checkbox', { name });
    expect(await box(/^Partenariats/).isChecked()).toBe(false);
    expect(await box(/^Candidatures et invitations/).isChecked()).toBe(true);
    await box(/^Partenariats/).check();
    await box(/^Conseil d’administration/).uncheck();
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await page.getByText('Vos choix sont enregistrés.').waitFor();
    await page.reload();
    expect(await box(/^Partenariats/).isChecked()).toBe(true);
    expect(await box(/^Conseil d’administration/).isChecked()).toBe(false);
    await context.close();
  });

  it('a user changes their password and logs their other devices out', async () => {
    const email = `securite-${Date.now()}@example.org`;
    const laptop = await newPage();
    await signUpAndLogIn(laptop.page, 'Noé', email);
    const phone = await newPage();
    const logInOn = async (page: Page, password: string) => {
      await page.goto(server.url + '/compte/connexion');
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.locator('#f-password').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    };
    const isSignedIn = async (page: Page) => {
      await page.goto(server.url + '/');
      return (await page.getByRole('button', { name: 'Se déconnecter' }).count()) > 0;
    };
    await logInOn(phone.page, PASSWORD);

    const { page } = laptop;
    await page.goto(server.url + '/profil');
    await page.getByRole('link', { name: 'Nom, adresse e-mail, mot de passe et appareils connectés' }).click();
    await page.waitForURL(/\/compte$/);
    // Each session names the browser that opened it (the web app passes it on to the API), this one first.
    expect(await page.locator('.sessions li').allTextContents()).toEqual([expect.stringMatching(/^Chrome sur Linux cet appareil/), expect.stringMatching(/^Chrome sur Linux\s/)]);
    await inspect(page, 'compte');

    await page.locator('#f-currentPassword').fill('pas le bon mot de passe');
    await page.locator('#f-newPassword').fill('un tout nouveau secret');
    await page.getByLabel('Confirmez le nouveau mot de passe').fill('un tout nouveau secret');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    expect(await page.locator('#f-currentPassword-error').textContent()).toContain('mot de passe incorrect');
    await page.locator('#f-currentPassword').fill(PASSWORD);
    await page.locator('#f-newPassword').fill('un tout nouveau secret');
    await page.getByLabel('Confirmez le nouveau mot de passe').fill('un tout nouveau secret');
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page.getByText('Mot de passe changé.').waitFor();
    expect(await page.locator('.sessions li').count()).toBe(1);
    expect(await isSignedIn(phone.page)).toBe(false);
    expect(await isSignedIn(page)).toBe(true);

    // Signed in again on the phone, then logged out from the laptop.
    await logInOn(phone.page, 'un tout nouveau secret');
    await page.goto(server.url + '/compte');
    await page.getByRole('button', { name: 'Déconnecter les autres appareils (1)' }).click();
    await page.getByText('Vos autres appareils sont déconnectés.').waitFor();
    expect(await isSignedIn(phone.page)).toBe(false);
    expect(await isSignedIn(page)).toBe(true);
    await laptop.context.close();
    await phone.context.close();
  });

  it('a user renames themselves and moves their account to another address', async () => {
    const stamp = Date.now();
    const [before, after] = [`mael-${stamp}@example.org`, `mael.keller-${stamp}@example.org`];
    const { context, page } = await newPage();
    await signUpAndLogIn(page, 'Maël', before);
    await page.goto(server.url + '/compte');
    await page.getByLabel('Nom affiché').fill('Maël Keller');
    await page.getByRole('button', { name: 'Enregistrer mon nom' }).click();
    await page.getByText('Nom enregistré.').waitFor();
    await page.locator('header', { hasText: 'Maël Keller' }).waitFor();

    await page.getByLabel('Nouvelle adresse e-mail').fill(after);
    await page.locator('#f-emailPassword').fill(PASSWORD);
    await page.getByRole('button', { name: 'Changer d’adresse' }).click();
    await page.getByText('Si cette adresse peut être utilisée, un lien de confirmation vient d’y être envoyé').waitFor();
    await page.goto(server.url + (await waitForMail(after, '/compte/adresse')));
    await page.getByRole('button', { name: 'Confirmer ma nouvelle adresse' }).click();
    await page.getByText(`C’est fait : votre compte utilise désormais ${after}.`).waitFor();
    await inspect(page, 'nouvelle-adresse');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await page.goto(server.url + '/compte/connexion');
    await page.getByLabel('Adresse e-mail').fill(after);
    await page.locator('#f-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await context.close();
  });

  it('a platform admin gives a new user the organiser role, then starts a background job and follows it', async () => {
    const email = `organisatrice-${Date.now()}@example.org`;
    const newcomer = await newPage();
    await signUpAndLogIn(newcomer.page, 'Inès Muller', email);
    expect(await newcomer.page.getByRole('link', { name: 'Speed-dating' }).count()).toBe(0);

    const { context, page } = await newPage();
    await logIn(page, 'platform_admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Comptes qui ont un rôle' }).waitFor();
    const organiser = DEMO_ACCOUNTS.find((a) => a.role === 'organiser')!;
    expect(await page.locator('table.data tr', { hasText: organiser.email }).getByRole('checkbox', { name: 'Organisation d’événements' }).isChecked()).toBe(true);
    await inspect(page, 'administration-roles');

    await page.getByLabel('Chercher un compte (e-mail ou nom)').fill(email);
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('heading', { name: `Comptes trouvés pour « ${email} »` }).waitFor();
    const row = page.locator('table.data tr', { hasText: email });
    await row.getByRole('checkbox', { name: 'Organisation d’événements' }).check();
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    await row.getByText('Enregistré').waitFor();
    await newcomer.page.reload();
    await newcomer.page.getByRole('link', { name: 'Speed-dating' }).waitFor();
    await newcomer.context.close();

    await page.getByRole('link', { name: 'Tâches de fond' }).click();
    await page.getByLabel('Tâche', { exact: true }).selectOption({ label: 'Effacer les journaux arrivés à échéance' });
    await page.getByRole('button', { name: 'Lancer' }).click();
    await page.getByText(/^Tâche lancée/).waitFor();
    // Jobs run in-process on the embedded default: the run shows as finished within moments.
    const retention = page.locator('table.data tbody tr', { hasText: 'data.retention' }).first();
    for (let i = 0; i < 50 && !(await retention.textContent())?.includes('terminée'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
    expect(await retention.textContent()).toContain('100 %');
    await inspect(page, 'administration-taches');
    await context.close();
  });

  it('the account and administration forms work without JavaScript too', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await logIn(page, 'platform_admin');
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'platform_admin')!;
    await page.goto(server.url + '/compte');
    await page.getByLabel('Nom affiché').fill(`${admin.displayName} (sans script)`);
    await page.getByRole('button', { name: 'Enregistrer mon nom' }).click();
    await page.getByText('Nom enregistré.').waitFor();
    // The page that answers the form already shows the new name (no reload follows without a script).
    expect(await page.locator('header .who').innerText()).toContain('(sans script)');
    await page.getByLabel('Nom affiché').fill(admin.displayName);
    await page.getByRole('button', { name: 'Enregistrer mon nom' }).click();
    await page.getByText('Nom enregistré.').waitFor();

    // Saving a row of a search answers with the same search.
    await page.goto(server.url + '/administration?q=asso.membre');
    const row = page.locator('table.data tr', { hasText: 'asso.membre@demo.maillage.fr' });
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    await row.getByText('Enregistré').waitFor();
    await page.getByRole('heading', { name: 'Comptes trouvés pour « asso.membre »' }).waitFor();
    await context.close();
  });

  it('an association admin invites a member, who accepts; the admin then removes them; another member leaves', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'association_admin');
    // The demo admin belongs to one association: the space list opens it directly.
    await page.goto(server.url + '/espace-association');
    await page.waitForURL(/\/espace-association\/[0-9a-f-]{36}$/);
    const spaceUrl = page.url();
    const associationName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    // Through the tab of the space's home page, whose chart once broke the page in the browser (two bars, one key).
    await page.getByRole('navigation', { name: 'Rubriques de l’association' }).getByRole('link', { name: 'Membres', exact: true }).click();
    await page.waitForURL(spaceUrl + '/membres');
    expect(await page.getByRole('link', { name: 'Membres', exact: true }).getAttribute('aria-current')).toBe('page');
    const adminName = DEMO_ACCOUNTS.find((a) => a.role === 'association_admin')!.displayName;
    expect(await page.locator('table.data tr', { hasText: adminName }).textContent()).toContain('administrateur·rice');

    // Without JavaScript (a plain POST), the API's refusal comes back next to its field, summed up above the form.
    const noScript = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await logIn(plain, 'association_admin');
    await plain.goto(spaceUrl + '/membres');
    await plain.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await plain.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await plain.locator('#f-email-error').waitFor();
    expect(await plain.locator('#f-email-error').textContent()).toContain('adresse e-mail invalide');
    expect(await plain.locator('#f-email').getAttribute('aria-invalid')).toBe('true');
    expect(await plain.locator('form[action="?/invite"] [role="alert"]').textContent()).toContain('Un champ est à corriger');
    expect(await plain.locator('#f-email').inputValue()).toBe('pas-une-adresse');
    await screenshot(plain, 'association-membres-erreur-sans-js');
    await noScript.close();

    const email = `nouveau-membre-${Date.now()}@example.org`;
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Rôle').selectOption('member');
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await page.getByText(`Invitation envoyée à ${email}`).waitFor();
    const invitations = page.getByRole('table', { name: /Invitations envoyées/ });
    expect(await invitations.locator('tr', { hasText: email }).locator('td').nth(1).textContent()).toBe('membre');
    expect(await page.locator('#f-email').inputValue()).toBe('');
    await inspect(page, 'association-membres');

    // The invited person creates an account with that address, then opens the link of the invitation.
    const invitee = await newPage();
    await signUpAndLogIn(invitee.page, 'Léa Nouvelle', email);
    await invitee.page.goto(server.url + (await waitForMail(email, '/invitations/accepter')));
    await invitee.page.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await invitee.page.waitForURL(spaceUrl);
    expect((await invitee.page.getByRole('heading', { level: 1 }).textContent())!.trim()).toBe(associationName);
    // A member sees the members and may leave, but neither invites nor removes.
    await invitee.page.goto(spaceUrl + '/membres');
    await invitee.page.locator('summary', { hasText: 'Quitter l’organisation' }).waitFor();
    expect(await invitee.page.getByRole('heading', { name: 'Inviter quelqu’un' }).count()).toBe(0);
    expect(await invitee.page.locator('summary', { hasText: /^Retirer/ }).count()).toBe(0);

    await page.reload();
    expect(await page.locator('table.data tr', { hasText: 'Léa Nouvelle' }).locator('td').first().textContent()).toBe('membre');
    expect(await invitations.locator('tr', { hasText: email }).count()).toBe(0);
    // Removing asks once more before it is done.
    await page.locator('summary', { hasText: 'Léa Nouvelle' }).click();
    await page.getByRole('button', { name: 'Confirmer le retrait de Léa Nouvelle' }).click();
    await page.getByText('Léa Nouvelle ne fait plus partie de l’association.').waitFor();
    expect(await page.locator('table.data tr', { hasText: 'Léa Nouvelle' }).count()).toBe(0);

    // Removed for real: the association's space is closed to them now.
    await invitee.page.goto(spaceUrl + '/membres');
    await invitee.page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    await invitee.context.close();

    // The demo association's plain member leaves it (asked once more), and is told so on the list of spaces.
    const member = await newPage();
    await logIn(member.page, 'association_member');
    await member.page.goto(spaceUrl + '/membres');
    await member.page.locator('summary', { hasText: 'Quitter l’organisation' }).click();
    await member.page.getByRole('button', { name: `Oui, quitter ${associationName}` }).click();
    await member.page.getByText('Vous avez quitté l’association : son espace ne vous est plus ouvert.').waitFor();
    expect(new URL(member.page.url()).pathname).toBe('/espace-association');
    await member.page.goto(spaceUrl + '/membres');
    await member.page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    await member.context.close();
    await page.reload();
    const memberName = DEMO_ACCOUNTS.find((a) => a.role === 'association_member')!.displayName;
    expect(await page.locator('table.data tr', { hasText: memberName }).count()).toBe(0);
    await context.close();
  });

  it('every link in the e-mails sent during the journeys leads to a page of the web app', async () => {
    const links = new Map<string, string>();
    for (const mail of server.mails) {
      for (const [raw] of mail.text.matchAll(/https?:\/\/\S+/g)) {
        const url = new URL(raw);
        // One per page: ids and tokens differ, the page is the same.
        links.set(url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id'), url.pathname + url.search);
      }
    }
    expect(links.size).toBeGreaterThan(5);
    const broken: string[] = [];
    for (const path of links.values()) {
      // Signed out: a page for members answers with a redirection to the login page, never with 404.
      const res = await fetch(server.url + path, { redirect: 'manual' });
      if (res.status >= 400) broken.push(`${res.status} ${path}`);
    }
    expect(broken).toEqual([]);

    // The one-click unsubscribe of the notices' headers (RFC 8058), as a mail provider sends it to the real server.
    const oneClick = server.mails.find((m) => m.listUnsubscribe);
    expect(oneClick, 'a notice e-mail with a List-Unsubscribe address').toBeDefined();
    const address = new URL(oneClick!.listUnsubscribe!);
    expect(address.origin).toBe(server.url);
    const res = await fetch(address, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ category: address.searchParams.get('category'), isEnabled: false });
  });

  it('no serious or critical accessibility violation on the pages checked', () => {
    expect(checked.length).toBeGreaterThan(5);
    expect(violations, violations.join('\n')).toEqual([]);
  });
});

// After the journeys (files run their describes in order): the web app is built by then, so this second server does
// not build it too. No browser needed.
describe('the web app behind a reverse proxy (TRUST_PROXY=1)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer('service/src/main.ts', { TRUST_PROXY: '1', DEMO_DATA: 'off' });
  }, 240_000);
  afterAll(() => server?.stop());

  /** A sign-up through the web form as the proxy passes it on: it appends the visitor's address. */
  async function signUpFrom(address: string, i: number) {
    const body = new URLSearchParams({ displayName: `Visiteur ${i}`, email: `visiteur-${i}-${Date.now()}@example.org`, password: PASSWORD, passwordConfirm: PASSWORD });
    const res = await fetch(server.url + '/compte/inscription', {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true', 'x-forwarded-for': `198.51.100.1, ${address}` },
      body,
    });
    return JSON.stringify(await res.json());
  }

  it('counts sign-ups per visitor, not all under the web app\'s own address', async () => {
    // 10 sign-ups an hour per address: the eleventh from one visitor is refused...
    for (let i = 0; i < 10; i++) expect(await signUpFrom('203.0.113.10', i)).toContain('"type":"success"');
    expect(await signUpFrom('203.0.113.10', 10)).toContain('Trop d’inscriptions');
    // ...and another visitor's first is not. Before, the web app called the API without the visitor's address, so
    // every visitor was counted as 127.0.0.1: ten sign-ups an hour for the whole instance.
    expect(await signUpFrom('203.0.113.11', 11)).toContain('"type":"success"');
  });
});

