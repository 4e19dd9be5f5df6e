
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h21ddd57059be797b': html`Fügen Sie das Operator-Token ein (<code>PLANNER_ADMIN_TOKEN</code>). Es bleibt nur in diesem Tab, bis Sie sich abmelden oder ihn schließen.`,
'h5be5610410c3402e': html`Es gibt noch keine Rechtsträger: Legen Sie einen mit <code>planner-admin legal-entity create</code> an.`,
's135668b3a4ba4dc3': `Back-Ends`,
's26979fff8177ac9d': `Rechtsträger`,
's55ed7e8a6012337c': `Operator-Token`,
's59169c4e8fbcdccf': `Anmeldung…`,
's5e27738a2e8eb763': `Anmelden`,
's7cfe12cd14df9950': `Abmelden`,
'sa964ab5850e946ee': `Planer-Plattform`,
'sefcf950b3cc4fc3b': `Sprache`,
    };
  