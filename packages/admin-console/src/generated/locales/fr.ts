
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    import {html} from 'lit';
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'h21ddd57059be797b': html`Collez le jeton d’opérateur (<code>PLANNER_ADMIN_TOKEN</code>). Il n’est conservé que dans cet onglet, jusqu’à ce que vous vous déconnectiez ou le fermiez.`,
'h5be5610410c3402e': html`Il n’y a pas encore d’entité juridique : créez-en une avec <code>planner-admin legal-entity create</code>.`,
's135668b3a4ba4dc3': `Back-ends`,
's15d04be8297fd0ec': `Le profil est de nouveau actif.`,
's1b841259f7927a94': `Sa clé d’accès n’obtient plus de jetons, et ses jetons standard et statiques sont refusés dès leur prochaine requête. Vous pourrez le réactiver plus tard.`,
's26979fff8177ac9d': `Entité juridique`,
's2a152e4babaa67d1': `Les services back-end que les systèmes externes de cette entité juridique peuvent utiliser.`,
's2c63518ce59a541b': str`depuis le ${0} : ses jetons sont refusés`,
's3859305d20d24d7b': `Aucun profil back-end pour l’instant.`,
's39a2d1b5d9493e68': `Abonnement enregistré. Il s’applique immédiatement à chaque jeton back-end.`,
's49d491fc6aae2491': `Le profil est désactivé.`,
's54e48685ddcf0617': `Donnez au profil un nom et le système externe qu’il représente.`,
's55ab99f5aa685901': `Enregistrer l’abonnement`,
's55ed7e8a6012337c': `Jeton d’opérateur`,
's59169c4e8fbcdccf': `Connexion…`,
's5e27738a2e8eb763': `Se connecter`,
's62227918d328f2f4': `sa clé d’accès et ses jetons fonctionnent`,
's66722bc2ea775e05': `Désactivé`,
's669b18c6d2d9c95b': `Aucun`,
's6d7efb5ab40b33b4': `Abonnement`,
's6ebc9bd6feae62a3': `Chargement…`,
's7abc9d08b0f70fd6': `Jeton statique`,
's7cfe12cd14df9950': `Se déconnecter`,
's7eb4ebbd520edce7': `Activer le profil`,
's839141d64eac0eca': `Désactiver le profil`,
's84fe348d9e99e6b0': `Création…`,
's8902734f0630d648': `Profils back-end`,
's8c79ffacb752ddea': `Services back-end`,
'sa45a194b58837e4f': `Actif`,
'sa964ab5850e946ee': `Plateforme du planificateur`,
'sad3e3c8146fc920f': `Statut`,
'sb060188bb28bfa9f': `Enregistrement…`,
'sb10c66c58ab56a5f': `Système externe`,
'sb41b2cfbbc52565b': `Créé`,
'sbde1764cd7e619c4': `Sa clé d’accès et tous ses jetons cessent de fonctionner immédiatement et définitivement. C’est irréversible : le système externe aurait besoin d’un nouveau profil.`,
'sc5201c7e9990f7e3': `Supprimer le profil`,
'sc629511bfbfaadb1': `Supprimer ce profil back-end ?`,
'sd532866029436929': `Chaque profil identifie un système externe. Il reçoit une clé d’accès pour les demandes de jetons standard et peut avoir un jeton statique.`,
'sd8c5a340f076fd18': `Créer le profil`,
'se6f33398fa7ced05': `Nouveau profil back-end`,
'sef49aec68fd1dc66': `Nom`,
'sefcf950b3cc4fc3b': `Langue`,
'sf1baaec3d5332544': `Cet abonnement n’a aucun service back-end : activez le service Reporting ou Messagebox ci-dessus avant de créer un profil back-end.`,
'sf7afa21d69b304d2': `Désactiver ce profil back-end ?`,
    };
  