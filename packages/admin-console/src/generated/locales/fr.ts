
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h21ddd57059be797b': html`Collez le jeton d’opérateur (<code>PLANNER_ADMIN_TOKEN</code>). Il n’est conservé que dans cet onglet, jusqu’à ce que vous vous déconnectiez ou le fermiez.`,
'h5be5610410c3402e': html`Il n’y a pas encore d’entité juridique : créez-en une avec <code>planner-admin legal-entity create</code>.`,
's135668b3a4ba4dc3': `Back-ends`,
's26979fff8177ac9d': `Entité juridique`,
's55ed7e8a6012337c': `Jeton d’opérateur`,
's59169c4e8fbcdccf': `Connexion…`,
's5e27738a2e8eb763': `Se connecter`,
's7cfe12cd14df9950': `Se déconnecter`,
'sa964ab5850e946ee': `Plateforme du planificateur`,
'sefcf950b3cc4fc3b': `Langue`,
    };
  