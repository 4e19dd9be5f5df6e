
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h21ddd57059be797b': html`Fügen Sie das Operator-Token ein (<code>PLANNER_ADMIN_TOKEN</code>). Es bleibt nur in diesem Tab, bis Sie sich abmelden oder ihn schließen.`,
'h5be5610410c3402e': html`Es gibt noch keine Rechtsträger: Legen Sie einen mit <code>planner-admin legal-entity create</code> an.`,
's135668b3a4ba4dc3': `Back-Ends`,
's15d04be8297fd0ec': `Das Profil ist wieder aktiv.`,
's1b841259f7927a94': `Sein Zugriffsschlüssel erhält keine Tokens mehr, und seine Standard- und statischen Tokens werden ab ihrer nächsten Anfrage abgelehnt. Sie können es später wieder aktivieren.`,
's26979fff8177ac9d': `Rechtsträger`,
's2a152e4babaa67d1': `Die Back-End-Dienste, die externe Systeme dieses Rechtsträgers nutzen dürfen.`,
's2c63518ce59a541b': str`seit ${0}: seine Tokens werden abgelehnt`,
's3859305d20d24d7b': `Noch keine Back-End-Profile.`,
's39a2d1b5d9493e68': `Abonnement gespeichert. Es gilt sofort für jedes Back-End-Token.`,
's49d491fc6aae2491': `Das Profil ist deaktiviert.`,
's54e48685ddcf0617': `Geben Sie dem Profil einen Namen und das externe System, für das es steht.`,
's55ab99f5aa685901': `Abonnement speichern`,
's55ed7e8a6012337c': `Operator-Token`,
's59169c4e8fbcdccf': `Anmeldung…`,
's5e27738a2e8eb763': `Anmelden`,
's62227918d328f2f4': `sein Zugriffsschlüssel und seine Tokens funktionieren`,
's66722bc2ea775e05': `Deaktiviert`,
's669b18c6d2d9c95b': `Keines`,
's6d7efb5ab40b33b4': `Abonnement`,
's6ebc9bd6feae62a3': `Wird geladen…`,
's7abc9d08b0f70fd6': `Statisches Token`,
's7cfe12cd14df9950': `Abmelden`,
's7eb4ebbd520edce7': `Profil aktivieren`,
's839141d64eac0eca': `Profil deaktivieren`,
's84fe348d9e99e6b0': `Wird angelegt…`,
's8902734f0630d648': `Back-End-Profile`,
's8c79ffacb752ddea': `Back-End-Dienste`,
'sa45a194b58837e4f': `Aktiv`,
'sa964ab5850e946ee': `Planer-Plattform`,
'sad3e3c8146fc920f': `Status`,
'sb060188bb28bfa9f': `Wird gespeichert…`,
'sb10c66c58ab56a5f': `Externes System`,
'sb41b2cfbbc52565b': `Angelegt`,
'sbde1764cd7e619c4': `Sein Zugriffsschlüssel und jedes seiner Tokens funktionieren sofort und endgültig nicht mehr. Das lässt sich nicht rückgängig machen: Das externe System bräuchte ein neues Profil.`,
'sc5201c7e9990f7e3': `Profil löschen`,
'sc629511bfbfaadb1': `Dieses Back-End-Profil löschen?`,
'sd532866029436929': `Jedes Profil steht für ein externes System. Es erhält einen Zugriffsschlüssel für Standard-Token-Anfragen und kann ein statisches Token haben.`,
'sd8c5a340f076fd18': `Profil anlegen`,
'se6f33398fa7ced05': `Neues Back-End-Profil`,
'sef49aec68fd1dc66': `Name`,
'sefcf950b3cc4fc3b': `Sprache`,
'sf1baaec3d5332544': `Dieses Abonnement hat keine Back-End-Dienste: Aktivieren Sie oben den Dienst Reporting oder Messagebox, bevor Sie ein Back-End-Profil anlegen.`,
'sf7afa21d69b304d2': `Dieses Back-End-Profil deaktivieren?`,
    };
  