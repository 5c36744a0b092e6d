/* acskit-run's message catalog: every line a person reads from the runner,
 * in English (also the fallback, and the language of the JSON report) and
 * Japanese. Included by runner/msg.h (the IDs) and runner/msg.c (the tables).
 *
 * To add a message: one line MSG(M_NAME, "English %s\n", "日本語 %s\n") here,
 * then say(T(M_NAME), arg) or complain(T(M_NAME), arg) at the call site.
 * No Japanese yet? Write JA_MISSING as the third column: the runner prints
 * English, and tests/unit/test_messages.c fails naming the entry. Both texts
 * must take the same arguments in the same order (%s, %u, %lu...: the unit
 * test compares them); flags and widths may differ.
 *
 * Terms (one per concept, as Windows and the vendors' Japanese notices say
 * them): 信頼されたルート証明機関 (Trusted Root Certification Authorities),
 * ルート証明書, 証明書, 拇印 (thumbprint), コード署名, 更新プログラム,
 * マンスリー ロールアップ, セキュリティのみの更新プログラム,
 * 累積更新プログラム, サービス スタック更新プログラム, 定例外 (out-of-band),
 * 再起動, 管理者として実行, 昇格した管理者, キット, マニフェスト, 署名,
 * 適用記録 (the receipt), 証明書チェーン, 信頼されていない証明書
 * (Disallowed), 信頼拒否 (distrusted, never 信頼されていません, which is NOT
 * TRUSTED), 更新プログラム パッケージ (an update package, the file; the
 * update it brings is 更新プログラム), 前提条件, 展開 (extract), 不足
 * (missing), アーキテクチャ. KB numbers, thumbprints, paths, store and registry names,
 * outcome words and exit codes stay as they are.
 *
 * Japanese report labels are padded to 16 display columns (a kanji or kana
 * counts 2), continuation lines indented 16 spaces. */

/* ---- usage and the command line (runner/main.c) ---- */
MSG(M_USAGE,
    "usage: acskit-run check KIT.zip [REPORT OPTIONS] [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
    "       acskit-run apply KIT.zip [--no-updates] [--restart] [REPORT OPTIONS] [--expect IDENTITY]\n"
    "                [SIGNATURE OPTIONS]\n"
    "       acskit-run remove [REPORT OPTIONS]\n"
    "       acskit-run check-file KIT.zip FILE... [REPORT OPTIONS] [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
    "       acskit-run verify KIT.zip [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
    "       acskit-run show KIT.zip [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
    "       acskit-run extract KIT.zip NAME... --to DIR [--expect IDENTITY] [SIGNATURE OPTIONS]\n"
    "       acskit-run summary DIR|REPORT.json... [--expect IDENTITY] [--csv FILE] [--html FILE] [--quiet]\n"
    "report options: --json FILE (the report as JSON, docs/report.md) --quiet (no text report)\n"
    "                --no-event (no Application event on Windows)\n"
    "  check, apply, remove and check-file act on a Windows machine; apply and remove need an elevated\n"
    "  administrator. apply adds the root and installs the update packages the kit carries for this\n"
    "  machine; --no-updates: the root only; --restart: restart Windows when a package needs it\n"
    "  (otherwise apply never restarts)\n"
    "signature options: --trust-key KEY.pub (repeatable) --require-signature --refuse-expired\n"
    "                   --allow-older\n"
    "  (on Windows also HKLM\\SOFTWARE\\Policies\\acskit: TrustedKeys, RequireSignature)\n"
    "language: --lang ja|en (default: the Windows display language; elsewhere LC_ALL, LC_MESSAGES, LANG)\n"
    "       acskit-run --version | --help\n",
    "使い方: acskit-run check KIT.zip [レポート オプション] [--expect キット ID] [署名オプション]\n"
    "        acskit-run apply KIT.zip [--no-updates] [--restart] [レポート オプション] [--expect キット ID]\n"
    "                 [署名オプション]\n"
    "        acskit-run remove [レポート オプション]\n"
    "        acskit-run check-file KIT.zip ファイル... [レポート オプション] [--expect キット ID] [署名オプション]\n"
    "        acskit-run verify KIT.zip [--expect キット ID] [署名オプション]\n"
    "        acskit-run show KIT.zip [--expect キット ID] [署名オプション]\n"
    "        acskit-run extract KIT.zip 名前... --to ディレクトリ [--expect キット ID] [署名オプション]\n"
    "        acskit-run summary ディレクトリ|REPORT.json... [--expect キット ID] [--csv ファイル] [--html ファイル] [--quiet]\n"
    "レポート オプション: --json ファイル (JSON のレポート、docs/report.md) --quiet (テキストのレポートを出さない)\n"
    "                     --no-event (Windows のアプリケーション イベントを書かない)\n"
    "  check、apply、remove、check-file は Windows コンピューターに対して動作します。apply と remove には\n"
    "  昇格した管理者 (管理者として実行) が必要です。apply はルート証明書を追加し、キットに含まれるこの\n"
    "  コンピューター用の更新プログラム パッケージをインストールします。--no-updates: ルート証明書のみ。\n"
    "  --restart: パッケージが再起動を必要とするときに Windows を再起動します (指定しなければ apply は\n"
    "  再起動しません)\n"
    "署名オプション: --trust-key KEY.pub (複数可) --require-signature --refuse-expired\n"
    "                --allow-older\n"
    "  (Windows では HKLM\\SOFTWARE\\Policies\\acskit の TrustedKeys、RequireSignature も)\n"
    "言語: --lang ja|en (既定は Windows の表示言語、それ以外では LC_ALL / LC_MESSAGES / LANG)\n"
    "        acskit-run --version | --help\n")
MSG(M_VERSION, "acskit-run %s (crypto: %s)\n", "acskit-run %s (暗号: %s)\n")
MSG(M_UNKNOWN_VERB, "unknown verb '%s' (see --help)", "不明なコマンド '%s' です (--help を参照)")
MSG(M_OUT_OF_MEMORY, "out of memory", "メモリが不足しています")
MSG(M_NEEDS_VALUE, "%s needs a value", "%s には値が必要です")
MSG(M_TRUST_KEY_NEEDS_FILE, "--trust-key needs a public key file", "--trust-key には公開キーのファイルが必要です")
MSG(M_JSON_NEEDS_FILE, "--json needs a file name", "--json にはファイル名が必要です")
MSG(M_LANG_BAD, "--lang takes ja or en, got '%s'", "--lang には ja か en を指定します ('%s' が指定されました)")
MSG(M_LANG_NEEDS_VALUE, "--lang needs ja or en", "--lang には ja か en が必要です")
MSG(M_UNKNOWN_OPTION, "unknown option '%s' (see --help)", "不明なオプション '%s' です (--help を参照)")
MSG(M_REMOVE_NO_KIT, "remove takes no kit: it acts by the receipt (see --help)",
    "remove にキットは指定しません。適用記録に従って動作します (--help を参照)")
MSG(M_VERB_NEEDS_KIT, "%s needs a kit (see --help)", "%s にはキットが必要です (--help を参照)")
MSG(M_CHECKFILE_ARGS, "check-file needs a kit and the files to check, and no --to (see --help)",
    "check-file にはキットと確認するファイルが必要で、--to は指定できません (--help を参照)")
MSG(M_EXTRACT_ARGS, "extract needs the names of entries and --to DIR (see --help)",
    "extract にはエントリの名前と --to ディレクトリが必要です (--help を参照)")
MSG(M_ONE_KIT, "%s takes one kit%s", "%s に指定できるキットは 1 つです%s")
MSG(M_ONE_KIT_NO_TO, " and no --to", "。--to は指定できません")

/* ---- verify, show, extract (runner/main.c) ---- */
MSG(M_L_KIT_IDENTITY, "kit identity: %s\n", "キット ID:      %s\n")
MSG(M_VERIFIED_ENTRIES, "verified:     %s: %lu entries match the index (sizes and SHA-256)%s\n",
    "検証:           %s: %lu 個のエントリがインデックスと一致 (サイズと SHA-256)%s\n")
MSG(M_VERIFIED_AS_EXPECTED, "; identity as expected", "、キット ID は指定どおり")
MSG(M_L_LABEL, "label:        %s\n", "ラベル:         %s\n")
MSG(M_CREATED_BY, "created:      %s by %s\n", "作成:           %s (%s)\n")
MSG(M_ROOT_PIN, "root:         %s (SHA-256 %s, the pin)\n", "ルート証明書:   %s (SHA-256 %s、固定値)\n")
MSG(M_L_MANIFESTS, "manifests:    %lu\n", "マニフェスト:   %lu\n")
MSG(M_L_EXPIRES, "expires:      %s\n", "有効期限:       %s\n")
MSG(M_L_SEQUENCE, "sequence:     %s\n", "通し番号:       %s\n")
MSG(M_L_SIGNATURE, "signature:    %s\n", "署名:           %s\n")
MSG(M_BUILDS_AND_LATER, "%u and later", "%u 以降")
MSG(M_BUILDS_TO, "%u to %u", "%u から %u")
MSG(M_PRODUCT_WORKSTATION, "workstation", "ワークステーション")
MSG(M_PRODUCT_SERVER, "server", "サーバー")
MSG(M_PRODUCT_EITHER, "workstation or server", "ワークステーションまたはサーバー")
MSG(M_SHOW_NEEDS_NOTHING, "    needs      nothing: every build matched has ACS support\n",
    "    必要       なし: 該当するすべてのビルドが ACS に対応\n")
MSG(M_SHOW_WARN_BELOW, "    warning    below UBR %u one source names %s; reported as a warning, not as missing\n",
    "    警告       UBR %u 未満について 1 つの情報源が %s を挙げています。不足ではなく警告として報告\n")
MSG(M_SHOW_NEEDS_UBR, "    needs      UBR %u or later: %s (%s) or any later cumulative update\n",
    "    必要       UBR %u 以降: %s (%s) またはそれ以降の累積更新プログラム\n")
MSG(M_SHOW_ALSO, "    also       %s gives %u.%u (%s)\n", "    ほか       %s で %u.%u (%s)\n")
MSG(M_SHOW_NEEDS_LEGACY,
    "    needs      %s (October 2021 monthly rollup), or %s (October 2021 security-only\n"
    "               update), or any later monthly rollup\n",
    "    必要       %s (2021 年 10 月のマンスリー ロールアップ)、%s (2021 年 10 月の\n"
    "               セキュリティのみの更新プログラム)、またはそれ以降のマンスリー ロールアップ\n")
MSG(M_SHOW_ROLLUPS, "    rollups    %lu later rollups known, newest %s (%s, %s)\n",
    "    ロールアップ 以降のロールアップ %lu 件を収録、最新は %s (%s、%s)\n")
MSG(M_SHOW_ROLLUPS_WEAK, "               %lu of them not confirmed by Microsoft: a verdict resting on one says so\n",
    "               うち %lu 件は Microsoft の確認がありません。それに基づく判定はその旨を表示します\n")
MSG(M_SHOW_ROLLUPS_OOB,
    "               %lu out-of-band updates listed, which never meet the requirement on their own\n",
    "               定例外の更新プログラム %lu 件を収録。これらだけでは要件を満たしません\n")
MSG(M_SHOW_FIRST, "    first      %s %s (%s)\n", "    先に       %s %s (%s)\n")
MSG(M_SHOW_NOT_CHECKED, "not checked", "acskit は確認しない")
MSG(M_SHOW_CHECKED, "checked", "acskit が確認する")
MSG(M_SHOW_NEEDS_UPGRADE, "    needs      an upgrade: no update brings ACS support to this version\n",
    "    必要       アップグレード: このバージョンを ACS に対応させる更新プログラムはありません\n")
MSG(M_SHOW_PACKAGE, "    package    %s %s in %s\n", "    パッケージ %s %s (%s)\n")
MSG(M_SHOW_VERIFIED, "verified:     every entry matches the index\n",
    "検証:           すべてのエントリがインデックスと一致\n")
MSG(M_SHOW_CREATED, "created:      %s\n", "作成:           %s\n")
MSG(M_SHOW_BUILDER, "builder:      %s\n", "作成ツール:     %s\n")
MSG(M_SHOW_ROOT, "root:         %s\n", "ルート証明書:   %s\n")
MSG(M_SHOW_CONT, "              %s\n", "                %s\n")
MSG(M_SHOW_SHA256_PIN, "              SHA-256 %s (the pin)\n", "                SHA-256 %s (固定値)\n")
MSG(M_SHOW_SHA1_THUMB, "              SHA-1   %s (the Windows thumbprint)\n",
    "                SHA-1   %s (Windows の拇印)\n")
MSG(M_SHOW_CHAIN, "chain:        %s (%s to %s)\n", "証明書チェーン: %s (%s から %s)\n")
MSG(M_SHOW_FILES, "\nfiles (%lu, plus %s%s", "\nファイル (%lu 個、ほかに %s%s")
MSG(M_SHOW_ALLOWED, "%s %s: %s (allowed by acskit-build --allow-package)\n",
    "%s %s: %s (acskit-build --allow-package で許可)\n")
MSG(M_SHOW_ALLOWED_FIRST, "allowed:     ", "許可:          ")
MSG(M_SHOW_ALLOWED_CONT, "             ", "               ")
MSG(M_SHOW_FILES_AND, " and ", "、")
MSG(M_SHOW_VERSIONS, "\nWindows versions (%lu manifests):\n", "\nWindows のバージョン (マニフェスト %lu 個):\n")
MSG(M_SHOW_MANIFEST, "    manifest   %s (checked %s)\n", "    マニフェスト %s (確認日 %s)\n")
MSG(M_SHOW_MATCHES, "    matches    version %u.%u, build ", "    対象       バージョン %u.%u、ビルド ")
MSG(M_SHOW_PRODUCT_NAME, ", ProductName \"%s...\"", "、ProductName \"%s...\"")
MSG(M_SHOW_BASIS, "    basis      %s: %s (", "    根拠       %s: %s (")
MSG(M_SHOW_SOURCE, "    source     %s (%s): %s\n", "    情報源     %s (%s): %s\n")
MSG(M_SHOW_ADVICE, "    %s %s\n", "    %s %s\n")
MSG(M_SHOW_ADVICE_FIRST, "advice    ", "対処 (英語)")
MSG(M_SHOW_NOTE_FIRST, "note      ", "注記 (英語)")
MSG(M_SHOW_NOTE_CONT, "          ", "           ")
MSG(M_EXTRACT_NO_ENTRY, "%s: no entry '%s' in the kit (give its name as 'acskit-run show' lists it)",
    "%s: キットにエントリ '%s' はありません ('acskit-run show' が表示する名前で指定してください)")
MSG(M_EXTRACT_NOT_DIR, "--to %s: not a directory", "--to %s: ディレクトリではありません")
MSG(M_EXTRACT_TOO_LONG, "--to %s: path too long", "--to %s: パスが長すぎます")
MSG(M_EXTRACT_CANNOT_READ, "cannot read %s: %s; nothing written for %s",
    "%s を読み取れません: %s。%s は書き込んでいません")
MSG(M_EXTRACT_PRESENT, "present:   %s -> %s (%llu bytes, SHA-256 %s, unchanged)\n",
    "既存:      %s -> %s (%llu バイト、SHA-256 %s、変更なし)\n")
MSG(M_EXTRACT_OTHER_CONTENT, "%s exists with other content; nothing written for %s (remove it first)",
    "%s は別の内容で既に存在します。%s は書き込んでいません (先に削除してください)")
MSG(M_CANNOT_CREATE, "cannot create %s: %s", "%s を作成できません: %s")
MSG(M_REFUSED_PATH, "refused: %s: %s", "拒否: %s: %s")
MSG(M_PLAIN, "%s", "%s")
MSG(M_EXTRACT_APPEARED,
    "%s is there now (a file that appeared meanwhile, or a link); nothing written for %s (remove it first)",
    "%s が今は存在します (途中で作られたファイルか、リンク)。%s は書き込んでいません (先に削除してください)")
MSG(M_CANNOT_WRITE, "cannot write %s: %s", "%s に書き込めません: %s")
MSG(M_EXTRACTED, "extracted: %s -> %s (%llu bytes, SHA-256 %s)\n", "展開:      %s -> %s (%llu バイト、SHA-256 %s)\n")

/* ---- error codes (msg_strerror; English is plat_strerror's text) ---- */
MSG(M_E_NOT_REGULAR, "not a regular file", "通常のファイルではありません")
MSG(M_E_ROLLBACK, "the change failed and could not be undone: check the store by hand",
    "変更に失敗し、元に戻せませんでした。証明書ストアを手動で確認してください")
MSG(M_E_NOENT, "No such file or directory", "ファイルまたはディレクトリがありません")
MSG(M_E_ACCES, "Permission denied", "アクセスが拒否されました")
MSG(M_E_EXIST, "File exists", "ファイルが既に存在します")
MSG(M_E_NOMEM, "Out of memory", "メモリが不足しています")
MSG(M_E_NOSPC, "No space left on device", "ディスクの空き領域が不足しています")
MSG(M_E_NOTDIR, "Not a directory", "ディレクトリではありません")
MSG(M_E_ISDIR, "Is a directory", "ディレクトリです")

/* ---- check, apply, remove (runner/machine.c) ---- */
MSG(M_CANNOT_READ_STORES, "cannot read the certificate stores: %s", "証明書ストアを読み取れません: %s")
MSG(M_CANNOT_READ_STORES_PLAIN, "cannot read the certificate stores", "証明書ストアを読み取れません")
MSG(M_PROOF_FAILED, "the chain proof failed: %s", "証明書チェーンの検証に失敗しました: %s")
MSG(M_PROOF_STOPS,
    "the chain stops at \"%.150s\" (chain status 0x%08lX): this machine's chain engine does not "
    "reach the pinned root",
    "証明書チェーンが \"%.150s\" で止まります (チェーンの状態 0x%08lX)。このコンピューターのチェーン エンジンは"
    "固定されたルート証明書に到達しません")
MSG(M_SUM_NOT_FIXABLE, "%s", "%s")
MSG(M_SUM_DISTRUSTED,
    "the root is explicitly distrusted (see distrust:), and acskit does not add it over that: %s%s%s",
    "ルート証明書が明示的に信頼されていません (信頼拒否: を参照)。acskit はこれを上書きして追加しません: %s%s%s")
MSG(M_SUM_ALSO_MISSING, "; the update is also missing: ", "。更新プログラムも不足しています: ")
MSG(M_NEED_ROOT_RESTRICTED,
    "the root enabled for code signing (LocalMachine\\Root holds it with an EKU restriction that leaves code "
    "signing out; acskit does not change a certificate it did not add)",
    "コード署名に使えるルート証明書 (LocalMachine\\Root にありますが、拡張キー使用法 (EKU) の制限でコード署名が"
    "除かれています。acskit は自分が追加していない証明書を変更しません)")
MSG(M_NEED_ROOT, "the root (run 'acskit-run apply' as an administrator)",
    "ルート証明書 ('acskit-run apply' を管理者として実行してください)")
MSG(M_NEED_UPDATE, "%sthe update: %s", "%s更新プログラム: %s")
MSG(M_NEED_SEP, "; ", "。")
MSG(M_SUM_STILL_NEEDS, "this machine still needs %s", "このコンピューターにはまだ次が必要です: %s")
MSG(M_SUM_PROOF_NO,
    "the root is in the store, but the ACS reference chain does not reach it in this machine's user-mode chain "
    "engine: %s",
    "ルート証明書はストアにありますが、ACS の参照チェーンがこのコンピューターのユーザー モードのチェーン エンジンで"
    "そこに到達しません: %s")
MSG(M_SUM_AFTER_RESTART, "ready after a restart: %s", "再起動後に準備完了: %s")
MSG(M_SUM_ROOT_UNKNOWN,
    "whether the root is trusted cannot be told: a LocalMachine root store could not be read or holds other "
    "bytes under the root's thumbprint (see root:)",
    "ルート証明書が信頼されているか判断できません: LocalMachine のルート ストアを読み取れないか、ルート証明書の拇印で"
    "別の内容が登録されています (ルート証明書: を参照)")
MSG(M_SUM_TRUSTED_BUT, "the root is trusted, but %s", "ルート証明書は信頼されています。ただし、%s")
MSG(M_SUM_READY, "the root is trusted, the OS supports ACS (%s)%s",
    "ルート証明書は信頼され、OS は ACS に対応しています (%s)%s")
MSG(M_SUM_READY_PROOF,
    ", and the ACS reference chain reaches the pinned root in this machine's user-mode chain engine",
    "。ACS の参照チェーンはこのコンピューターのユーザー モードのチェーン エンジンで固定されたルート証明書に到達します")
MSG(M_ACT_DISTRUSTED, "the root is in %s: an explicit distrust, which acskit does not override; nothing written",
    "ルート証明書は %s にあり、明示的に信頼されていません。acskit はこれを上書きしません。何も書き込んでいません")
MSG(M_REFUSED, "refused: %s", "拒否: %s")
MSG(M_ACT_ALREADY_TRUSTED, "the root is already trusted; no store was written%s",
    "ルート証明書は既に信頼されています。ストアには書き込んでいません%s")
MSG(M_ACT_ROOT_UNKNOWN,
    "a LocalMachine root store could not be read or holds other bytes under the root's thumbprint, so whether "
    "the root is already trusted cannot be told; nothing written",
    "LocalMachine のルート ストアを読み取れないか、ルート証明書の拇印で別の内容が登録されているため、ルート証明書が"
    "既に信頼されているか判断できません。何も書き込んでいません")
MSG(M_ACT_RESTRICTED,
    "LocalMachine\\Root already holds the root with an EKU restriction that leaves code signing out; acskit does "
    "not change a certificate it did not add; nothing written",
    "LocalMachine\\Root には、拡張キー使用法 (EKU) の制限でコード署名が除かれたルート証明書が既にあります。acskit は"
    "自分が追加していない証明書を変更しません。何も書き込んでいません")
MSG(M_ACT_ADD_FAILED, "adding the root to LocalMachine\\Root failed: %s",
    "LocalMachine\\Root へのルート証明書の追加に失敗しました: %s")
MSG(M_STORE_AS_WAS, "; the store is as it was", "。ストアは元のままです")
MSG(M_ACT_ADDED,
    "added to LocalMachine\\Root with friendly name \"%s\" and EKU code signing, time stamping; re-read and "
    "confirmed",
    "LocalMachine\\Root (信頼されたルート証明機関) に追加しました。フレンドリ名 \"%s\"、EKU はコード署名と"
    "タイムスタンプ。読み直して確認済み")
MSG(M_ACT_RECEIPT_UNKNOWN,
    "the receipt records that acskit added the root, and LocalMachine\\Root cannot tell whether it is still "
    "there (unreadable, or other bytes under the thumbprint); the receipt left as it is",
    "適用記録には acskit がルート証明書を追加したとありますが、LocalMachine\\Root からはまだあるか判断できません"
    " (読み取れないか、拇印で別の内容が登録されています)。適用記録はそのままです")
MSG(M_ACT_RECEIPT_SAME, "the receipt already records this kit (applied %s)",
    "適用記録には既にこのキットが記録されています (適用 %s)")
MSG(M_ACT_RECEIPT_FAILED, "writing HKLM\\SOFTWARE\\acskit failed: %s",
    "HKLM\\SOFTWARE\\acskit への書き込みに失敗しました: %s")
MSG(M_ACT_RECEIPT_DONE, "HKLM\\SOFTWARE\\acskit: kit identity, time, what was added",
    "HKLM\\SOFTWARE\\acskit: キット ID、日時、追加したもの")
MSG(M_ACT_ROLLED_BACK, "a later step failed, so the root this run added was taken out again",
    "後の手順が失敗したため、今回追加したルート証明書を取り除きました")
MSG(M_ACT_ROLLBACK_FAILED, "a later step failed, and taking the root out again failed too: %s",
    "後の手順が失敗し、ルート証明書を取り除くことにも失敗しました: %s")
MSG(M_V_SATISFIED, "satisfied", "要件を満たしています")
MSG(M_V_MISSING, "MISSING", "不足")
MSG(M_V_PENDING, "PENDING REBOOT", "再起動待ち")
MSG(M_V_UNDETERMINED, "UNDETERMINED", "判定できません")
MSG(M_V_NO_UPDATE, "NO UPDATE EXISTS", "更新プログラムはありません")
MSG(M_V_NOT_COVERED, "NOT COVERED", "対象外")
MSG(M_R_MACHINE, "machine:      %s, version %u.%u.%u", "コンピューター: %s、バージョン %u.%u.%u")
MSG(M_R_MACHINE_TAIL, " (%s), %s\n", " (%s)、%s\n")
MSG(M_R_MACHINE_UNREAD, "machine:      the Windows version could not be read\n",
    "コンピューター: Windows のバージョンを読み取れませんでした\n")
MSG(M_R_REGISTRY, "              registry: \"%s\"%s%s%s%s%s%s\n", "                レジストリ: \"%s\"%s%s%s%s%s%s\n")
MSG(M_R_EDITION, ", edition ", "、エディション ")
MSG(M_R_COMMA, ", ", "、")
MSG(M_R_MANIFEST, "manifest:     %s (%s)\n", "マニフェスト:   %s (%s)\n")
MSG(M_R_MANIFEST_NONE, "manifest:     none in this kit matches\n", "マニフェスト:   このキットには該当するものがありません\n")
MSG(M_R_UPDATE, "update:       %s: %s\n", "更新プログラム: %s: %s\n")
MSG(M_R_CONFIDENCE, "              confidence: %s: the %s rests on ", "                確度: %s: %s の根拠は ")
MSG(M_R_CONF_INFERRED, "INFERRED, not confirmed by Microsoft", "推定 (Microsoft の確認なし)")
MSG(M_R_CONF_SINGLE, "SINGLE SOURCE, not confirmed by Microsoft", "情報源 1 つ (Microsoft の確認なし)")
MSG(M_R_SRC_SEP, "; ", "; ")
MSG(M_R_FIRST, "              first:     %s %s (%s)\n", "                先に:      %s %s (%s)\n")
MSG(M_R_FIRST_BUILD, "the build shows it is missing", "ビルドから見て未インストール")
MSG(M_R_FIRST_NOT_INSTALLED, "not among the installed updates", "インストール済みの更新プログラムにありません")
MSG(M_R_WARNING, "              warning: %s\n", "                警告: %s\n")
MSG(M_R_CONT, "              %s\n", "                %s\n")
MSG(M_R_MINIMUM, "              minimum %s; newest rollup this kit knows %s\n",
    "                最低限 %s。このキットが知る最新のロールアップは %s\n")
MSG(M_R_STATE_UNREADABLE, "state unreadable", "状態を読み取れません")
MSG(M_R_REBOOT, "reboot:       pending (%s%s%s%s%s)\n", "再起動:         再起動待ち (%s%s%s%s%s)\n")
MSG(M_R_REBOOT_RENAMES, "file renames", "ファイル名の変更")
MSG(M_R_REBOOT_UNREAD, "reboot:       %s\n", "再起動:         %s\n")
MSG(M_R_REBOOT_UNREAD_TEXT, "some pending-reboot markers could not be read",
    "再起動待ちを示す情報の一部を読み取れませんでした")
MSG(M_R_ROOT, "root:         %s\n", "ルート証明書:   %s\n")
MSG(M_R_ROOT_TRUSTED, "trusted", "信頼済み")
MSG(M_R_ROOT_DISTRUSTED, "DISTRUSTED: explicitly, in a Disallowed store (see distrust:)",
    "信頼拒否: 信頼されていない証明書のストア (Disallowed) に明示的に登録 (信頼拒否: を参照)")
MSG(M_R_ROOT_UNKNOWN, "UNDETERMINED: a store could not be read or holds other bytes",
    "判定できません: ストアを読み取れないか、別の内容が登録されています")
MSG(M_R_ROOT_NOT_TRUSTED, "NOT TRUSTED: in no LocalMachine root store for code signing",
    "信頼されていません: コード署名用としてどの LocalMachine のルート ストアにもありません")
MSG(M_R_STORE_LINE, "              %-18s %s", "                %-18s %s")
MSG(M_R_COLON_TEXT, ": %s", ": %s")
MSG(M_R_STORE_DIFFERENT, ": other bytes under the thumbprint %s", ": 拇印 %s で別の内容が登録されています")
MSG(M_R_STORE_PROPS, " (friendly name \"%s\", EKU %s)", " (フレンドリ名 \"%s\"、EKU %s)")
MSG(M_R_EKU_NONE, "not restricted", "制限なし")
MSG(M_R_EKU_UNREADABLE, "unreadable", "読み取れません")
MSG(M_R_EKU_EMPTY, "an empty list (disabled)", "空の一覧 (無効)")
MSG(M_S_ABSENT, "absent", "なし")
MSG(M_S_PRESENT, "present", "あり")
MSG(M_S_RESTRICTED, "restricted", "制限付き")
MSG(M_S_DIFFERENT, "different", "別の内容")
MSG(M_S_UNREADABLE, "unreadable", "読み取れません")
MSG(M_R_ROOT_UPDATE, "root update:  automatic root update %s; RootDirURL %s\n",
    "ルート更新:     ルート証明書の自動更新は%s。RootDirURL は%s\n")
MSG(M_R_AUTO_DISABLED, "DISABLED by policy (DisableRootAutoUpdate=1)",
    "ポリシーで無効 (DisableRootAutoUpdate=1)")
MSG(M_R_AUTO_ENABLED, "not disabled by policy", "ポリシーで無効にされていません")
MSG(M_R_NOT_SET, "not set", "設定されていません")
MSG(M_R_PROOF_NOT_RUN, "proof:        not run: %s\n", "チェーン検証:   実行していません: %s\n")
MSG(M_R_PROOF,
    "proof:        ACS chain reaches the pinned root in this machine's user-mode chain engine: %s",
    "チェーン検証:   ACS の参照チェーンがこのコンピューターのユーザー モードのチェーン エンジンで固定された"
    "ルート証明書に到達: %s")
MSG(M_YES, "yes", "はい")
MSG(M_NO, "NO", "いいえ")
MSG(M_R_PROOF_BEFORE, " (before apply: %s)", " (apply 前: %s)")
MSG(M_R_PROOF_NOTE,
    "\n              (no revocation check, no network; kernel code integrity is not tested here and "
    "depends on the update: see update:)\n",
    "\n                (失効確認なし、ネットワークなし。カーネルのコード整合性はここでは確認しておらず、"
    "更新プログラムによります: 更新プログラム: を参照)\n")
MSG(M_R_CHAIN_AT, "              chain built at %s:", "                チェーンの構築 %s:")
MSG(M_R_CHAIN_LINK, "%s %s", "%s %s")
MSG(M_R_ACTION, "%s %s: %s\n", "%s %s: %s\n")
MSG(M_R_ACTION_FIRST, "action:      ", "操作:          ")
MSG(M_R_ACTION_CONT, "             ", "               ")
MSG(M_A_DONE, "done", "完了")
MSG(M_A_UNCHANGED, "unchanged", "変更なし")
MSG(M_A_FAILED, "failed", "失敗")
MSG(M_R_ADVICE_FIRST, "advice:      ", "対処 (英語):   ")
MSG(M_R_RESULT, "result:       %s: %s (exit %d)\n", "結果:           %s: %s (終了コード %d)\n")
MSG(M_MACHINE_OOM, "out of memory reading the machine's state", "コンピューターの状態の読み取り中にメモリが不足しました")
MSG(M_ASSESS_OOM, "out of memory assessing the machine", "コンピューターの判定中にメモリが不足しました")
MSG(M_NOT_ELEVATED,
    "refused: %s needs an elevated administrator: %s; nothing was changed",
    "拒否: %s には昇格した管理者が必要です: %s。何も変更していません")
MSG(M_NOT_ELEVATED_WHY, "this process is not elevated (use \"Run as administrator\")",
    "このプロセスは昇格していません (\"管理者として実行\" を使ってください)")
MSG(M_TOKEN_UNREADABLE, "the process token could not be read", "プロセスのトークンを読み取れませんでした")
MSG(M_NOT_HERE,
    "%s assesses a Windows machine and runs only on Windows; on this system use verify or show",
    "%s は Windows コンピューターを判定するもので、Windows でのみ動作します。このシステムでは verify か show を"
    "使ってください")
MSG(M_RECEIPT_READ_FAILED_APPLY, "cannot read the receipt HKLM\\SOFTWARE\\acskit: %s; nothing written",
    "適用記録 HKLM\\SOFTWARE\\acskit を読み取れません: %s。何も書き込んでいません")
MSG(M_RECEIPT_READ_FAILED, "cannot read the receipt HKLM\\SOFTWARE\\acskit: %s",
    "適用記録 HKLM\\SOFTWARE\\acskit を読み取れません: %s")
MSG(M_RM_NOT_RECORDED, "the receipt does not record that acskit added the root; nothing removed",
    "適用記録には acskit がルート証明書を追加したとはありません。何も削除していません")
MSG(M_RM_NO_RECEIPT, "no acskit receipt on this machine; nothing removed",
    "このコンピューターには acskit の適用記録がありません。何も削除していません")
MSG(M_RM_ROOT_UNREADABLE,
    "LocalMachine\\Root could not be read, so whether the root acskit added is still there cannot be told; "
    "nothing removed, the receipt left as it is",
    "LocalMachine\\Root を読み取れないため、acskit が追加したルート証明書がまだあるか判断できません。何も削除せず、"
    "適用記録はそのままです")
MSG(M_RM_ROOT_DIFFERENT,
    "LocalMachine\\Root holds other bytes under the root's thumbprint, so whether the root acskit added is still "
    "there cannot be told; nothing removed, the receipt left as it is",
    "LocalMachine\\Root にはルート証明書の拇印で別の内容が登録されているため、acskit が追加したルート証明書がまだ"
    "あるか判断できません。何も削除せず、適用記録はそのままです")
MSG(M_RM_GONE, "the root acskit added is no longer in LocalMachine\\Root; nothing removed",
    "acskit が追加したルート証明書はもう LocalMachine\\Root にありません。何も削除していません")
MSG(M_RM_CHANGED,
    "the root in LocalMachine\\Root no longer carries the EKU restriction acskit gave it, so it may not be the "
    "copy acskit added; nothing removed",
    "LocalMachine\\Root のルート証明書には acskit が付けた EKU の制限がもうないため、acskit が追加したものではない"
    "可能性があります。何も削除していません")
MSG(M_RM_FAILED, "removing the root from LocalMachine\\Root failed: %s",
    "LocalMachine\\Root からのルート証明書の削除に失敗しました: %s")
MSG(M_RM_DONE, "removed the root acskit added from LocalMachine\\Root; re-read and confirmed",
    "acskit が追加したルート証明書を LocalMachine\\Root から削除しました。読み直して確認済み")
MSG(M_RM_RECEIPT_FAILED, "the receipt HKLM\\SOFTWARE\\acskit could not be updated: %s",
    "適用記録 HKLM\\SOFTWARE\\acskit を更新できませんでした: %s")
MSG(M_RM_RECEIPT_DONE, "HKLM\\SOFTWARE\\acskit: RootAdded 0, RemovedAt", "HKLM\\SOFTWARE\\acskit: RootAdded 0、RemovedAt")
MSG(M_RM_SUMMARY, "%s%s%s%s%s%s", "%s%s%s%s%s%s")
MSG(M_RM_STILL_TRUSTED, "; the root is still trusted through ", "。ルート証明書は引き続き次で信頼されています: ")
MSG(M_RM_NEVER_CHANGES, ", which acskit never changes", " (acskit はこれを変更しません)")
MSG(M_RM_UNREAD, "; could not be read: ", "。読み取れなかったもの: ")
MSG(M_RM_RECEIPT, "receipt:      %s\n", "適用記録:       %s\n")
MSG(M_RM_NONE, "none", "なし")
MSG(M_RM_RECEIPT_KIT, "              kit %s, applied %s\n", "                キット %s、適用 %s\n")
MSG(M_RM_ROOT_LINE, "%s %-18s %s\n", "%s %-18s %s\n")
MSG(M_RM_ROOT_FIRST, "root:        ", "ルート証明書:  ")
MSG(M_RM_RESULT, "result:       done: %s (exit 0)\n", "結果:           done: %s (終了コード 0)\n")
MSG(M_PROOF_UNTRUSTEDROOT, "the chain ends in a root this machine does not trust (CERT_E_UNTRUSTEDROOT, 0x800B0109)",
    "証明書チェーンは、このコンピューターが信頼していないルート証明書で終わります (CERT_E_UNTRUSTEDROOT、0x800B0109)")
MSG(M_PROOF_NO_CHAIN, "the kit carries no reference chain (payload/acs-chain/)",
    "キットに参照チェーンが含まれていません (payload/acs-chain/)")

/* ---- the Disallowed stores (runner/distrust.c) ---- */
MSG(M_WAY_OUT_GPO,
    "Group Policy distrusts it (Computer Configuration > Windows Settings > Security Settings > Public Key "
    "Policies > Untrusted Certificates): the owner of that policy must take it out; then gpupdate /force and "
    "check again",
    "グループ ポリシーで信頼されていません (コンピューターの構成 > Windows の設定 > セキュリティの設定 > 公開キーの"
    "ポリシー > 信頼されていない証明書)。そのポリシーの管理者が取り除き、gpupdate /force のあと再度 check してください")
MSG(M_WAY_OUT_ENTERPRISE,
    "the Enterprise store distrusts it (published from Active Directory): the directory's PKI administrators "
    "must take it out; then check again",
    "Enterprise ストアで信頼されていません (Active Directory から配布)。ディレクトリの PKI 管理者が取り除いたあと、"
    "再度 check してください")
MSG(M_WAY_OUT_LOCAL,
    "an administrator or a tool put it in LocalMachine\\Disallowed: if that was a mistake, whoever owns that "
    "decision takes it out (certutil -delstore Disallowed F40042E2E5F7E8EF8189FED15519AECE42C3BFA2); then check "
    "again",
    "管理者かツールが LocalMachine\\Disallowed (信頼されていない証明書) に登録しました。誤りであれば、その判断の"
    "責任者が取り除き (certutil -delstore Disallowed F40042E2E5F7E8EF8189FED15519AECE42C3BFA2)、再度 check して"
    "ください")
MSG(M_DIS_DISTRUSTED, "distrusted", "信頼拒否")
MSG(M_R_DISTRUST, "distrust:     %s\n", "信頼拒否:       %s\n")
MSG(M_R_DISTRUST_YES,
    "DISTRUSTED: the root is in a Disallowed store; Windows refuses chains through it whatever the root stores "
    "hold",
    "信頼拒否: ルート証明書が信頼されていない証明書のストア (Disallowed) にあります。ルート ストアの内容に"
    "かかわらず、Windows はこれを通る証明書チェーンを拒否します")
MSG(M_R_DISTRUST_UNKNOWN, "UNDETERMINED: a Disallowed store could not be read or holds other bytes",
    "判定できません: Disallowed ストアを読み取れないか、別の内容が登録されています")
MSG(M_R_DISTRUST_NONE, "none: the root is in no Disallowed store",
    "なし: ルート証明書はどの Disallowed ストアにもありません")
MSG(M_R_DIS_LINE, "              %-23s %s", "                %-23s %s")
MSG(M_R_DIS_SET_BY, " (set by %s)", " (設定元 %s)")
MSG(M_R_WAY_OUT, "              way out: %s\n", "                解決方法: %s\n")
MSG(M_R_ADVICE, "%s %s\n", "%s %s\n")
MSG(M_R_VERIFIED, "verified:     %s: the index, and the entries %s reads\n", "検証:           %s: インデックスと、%s が読むエントリ\n")
MSG(M_R_VERIFIED_SIG, "verified:     %s: the index and its signature, and the entries %s reads\n",
    "検証:           %s: インデックスとその署名、および %s が読むエントリ\n")
MSG(M_R_ENTRIES_CHECKED, "              kit entries checked: %lu of %lu (verify reads all)\n",
    "                確認したキットのエントリ: %lu / %lu (verify はすべてを読みます)\n")
MSG(M_R_EVIDENCE, "              %-9s %-16s %s: %s\n", "                %-9s %-16s %s: %s\n")
MSG(M_PROOF_BEFORE_NOT_RUN, "not-run", "実行せず")
MSG(M_PROOF_BEFORE_YES, "yes", "はい")
MSG(M_PROOF_BEFORE_NO, "no", "いいえ")

/* ---- opening a kit, trust keys and policy (runner/openkit.c) ---- */
MSG(M_K_UNSIGNED_REQUIRED, "refused: %s: unsigned kit: a signature is required (--require-signature or policy)",
    "拒否: %s: 署名のないキットです。署名が必要です (--require-signature またはポリシー)")
MSG(M_K_SIG_NONE, "none: the kit is unsigned", "なし: キットは署名されていません")
MSG(M_K_NO_TRUSTED_KEY,
    "refused: %s: bad signature: a signature is required and no trusted key is given (--trust-key or policy "
    "TrustedKeys)",
    "拒否: %s: 署名が正しくありません: 署名が必要ですが、信頼するキーが指定されていません (--trust-key または"
    "ポリシーの TrustedKeys)")
MSG(M_K_SIG_UNCHECKED, "present, not checked: no trusted key given", "あり (未確認): 信頼するキーが指定されていません")
MSG(M_K_SIG_VALID, "valid, by key %s (%s)", "有効、キー %s (%s) による署名")
MSG(M_K_NOT_BY_KEY, "refused: %s: bad signature: not made by any of the %lu trusted key",
    "拒否: %s: 署名が正しくありません: 信頼する %lu 個のキーのどれによる署名でもありません")
MSG(M_K_NOT_BY_KEYS, "refused: %s: bad signature: not made by any of the %lu trusted keys",
    "拒否: %s: 署名が正しくありません: 信頼する %lu 個のキーのどれによる署名でもありません")
MSG(M_K_EXPIRED_REFUSED, "refused: %s: expired kit: it expired %s and this machine's clock says %s",
    "拒否: %s: 期限切れのキットです: 有効期限は %s で、このコンピューターの時計は %s です")
MSG(M_K_EXPIRED, "%s, EXPIRED: this machine's clock says %s (check the clock)",
    "%s、期限切れ: このコンピューターの時計は %s です (時計を確認してください)")
MSG(M_K_RECEIPT_UNREADABLE, "cannot read the acskit receipt: %s", "acskit の適用記録を読み取れません: %s")
MSG(M_K_SEQ_NONE, "none (the last kit applied here was number %llu)",
    "なし (ここで最後に適用したキットは %llu 番)")
MSG(M_K_OLDER, "refused: %s: older kit: number %llu, but number %llu%s%s was applied here (--allow-older to use it)",
    "拒否: %s: 古いキットです: 番号 %llu ですが、ここでは %llu 番%s%s を適用済みです (使うには --allow-older)")
MSG(M_K_OLDER_KIT, ", kit ", "、キット ")
MSG(M_K_SEQ, "%llu (the last kit applied here was number %llu)%s", "%llu (ここで最後に適用したキットは %llu 番)%s")
MSG(M_K_SEQ_OLDER, ", OLDER: allowed by --allow-older", "、古い: --allow-older により許可")
MSG(M_K_NOT_P256, "%s: not a P-256 public key", "%s: P-256 の公開キーではありません")
MSG(M_K_TOO_MANY_KEYS, "%s: too many trusted keys", "%s: 信頼するキーが多すぎます")
MSG(M_K_TRUST_KEY_NOT_P256, "--trust-key %s: not a P-256 public key", "--trust-key %s: P-256 の公開キーではありません")
MSG(M_K_TRUST_KEY_ERR, "--trust-key %s: %s", "--trust-key %s: %s")
MSG(M_K_TRUST_KEY_NOT_PEM, "--trust-key %s: not a PEM public key", "--trust-key %s: PEM 形式の公開キーではありません")
MSG(M_K_POLICY_UNREADABLE, "cannot read the acskit policy key: %s", "acskit のポリシー キーを読み取れません: %s")
MSG(M_K_POLICY_MALFORMED, "refused: malformed policy value HKLM\\SOFTWARE\\Policies\\acskit\\%s; nothing was done",
    "拒否: ポリシーの値 HKLM\\SOFTWARE\\Policies\\acskit\\%s の形式が正しくありません。何も実行していません")
MSG(M_K_EXPECT_BAD, "--expect: a kit identity is 64 hex digits, got '%s'",
    "--expect: キット ID は 16 進数 64 桁です ('%s' が指定されました)")
MSG(M_K_ID_MISMATCH, "refused: %s: identity mismatch: kit identity %s is not the expected %s",
    "拒否: %s: キット ID が一致しません: キット ID %s は指定された %s ではありません")

/* ---- the update verdict's reasons (common/assess.c) ----
 * assess.c writes English; for the text report in another language its
 * texts (each inside TX() there) are looked up here by their English, so the
 * English column must be exactly assess.c's text, and entries named M_AS_.
 * tests/unit/test_messages.c reads common/assess.c and fails for a TX() text
 * with no entry here. */
MSG(M_AS_STATE_UNREADABLE, "state unreadable", "状態を読み取れません")
MSG(M_AS_INSTALLED, "installed", "インストール済み")
MSG(M_AS_PERMANENT, "permanent", "永続")
MSG(M_AS_SUPERSEDED, "superseded", "置き換え済み")
MSG(M_AS_INSTALL_PENDING, "install pending", "インストール保留中")
MSG(M_AS_STAGED, "staged", "ステージング済み")
MSG(M_AS_ABSENT, "absent", "なし")
MSG(M_AS_WORKSTATION, "workstation", "ワークステーション")
MSG(M_AS_DC, "domain controller", "ドメイン コントローラー")
MSG(M_AS_SERVER, "server", "サーバー")
MSG(M_AS_UNKNOWN_PRODUCT, "unknown product type", "不明な製品の種類")
MSG(M_AS_REBOOT_CBS, "Component Based Servicing reports a pending reboot",
    "Component Based Servicing が再起動待ちを報告しています")
MSG(M_AS_REBOOT_WU, "Windows Update reports a required reboot", "Windows Update が再起動の必要を報告しています")
MSG(M_AS_REBOOT_RENAMES, "file renames are pending a reboot", "ファイル名の変更が再起動待ちです")
MSG(M_AS_UBR_UNREAD,
    "the update build revision (UBR) could not be read from the registry, so the build cannot be compared with "
    "%u.%u",
    "更新ビルド リビジョン (UBR) をレジストリから読み取れないため、ビルドを %u.%u と比較できません")
MSG(M_AS_BY_BUILD, "build %u.%u", "ビルド %u.%u")
MSG(M_AS_AT_OR_ABOVE, "build %u.%u is at or above %u.%u (%s or any later cumulative update)",
    "ビルド %u.%u は %u.%u 以上です (%s またはそれ以降の累積更新プログラム)")
MSG(M_AS_LCU_FOR, "a cumulative update for build %u.%u", "ビルド %u.%u の累積更新プログラム")
MSG(M_AS_BY_BUILD_PENDING, "build %u.%u (install pending)", "ビルド %u.%u (インストール保留中)")
MSG(M_AS_LCU_PENDING,
    "the running build is %u.%u, below %u.%u; a cumulative update for %u.%u is installed pending a reboot: "
    "restart, then check again",
    "実行中のビルドは %u.%u で %u.%u 未満ですが、%u.%u の累積更新プログラムが再起動待ちでインストールされています。"
    "再起動してから再度 check してください")
MSG(M_AS_UBR_INCONSISTENT,
    "the registry's UBR says build %u.%u, below %u.%u, but the package %s is recorded as installed: restart, then "
    "check again",
    "レジストリの UBR ではビルド %u.%u で %u.%u 未満ですが、パッケージ %s はインストール済みと記録されています。"
    "再起動してから再度 check してください")
MSG(M_AS_BELOW, "build %u.%u is below %u.%u: install %s (%s) or any later cumulative update",
    "ビルド %u.%u は %u.%u 未満です。%s (%s) またはそれ以降の累積更新プログラムをインストールしてください")
MSG(M_AS_REBOOT_ALSO, "a reboot is also pending (%s)", "再起動待ちでもあります (%s)")
MSG(M_AS_CBS_UNREAD, "the installed updates could not be read: %s",
    "インストール済みの更新プログラムを読み取れませんでした: %s")
MSG(M_AS_OCT_ROLLUP, "the October 2021 monthly rollup", "2021 年 10 月のマンスリー ロールアップ")
MSG(M_AS_OCT_SECURITY_ONLY, "the October 2021 security-only update",
    "2021 年 10 月のセキュリティのみの更新プログラム")
MSG(M_AS_LATER_ROLLUP, "a later monthly rollup", "それ以降のマンスリー ロールアップ")
MSG(M_AS_OOB_EVIDENCE,
    "an out-of-band update of %s, not known to be a cumulative rollup: it does not meet the requirement on its "
    "own (%s)",
    "%s の定例外の更新プログラム。累積的なロールアップとは確認されていないため、これだけでは要件を満たしません (%s)")
MSG(M_AS_OF, " of ", "、")
MSG(M_AS_INFERRED, " (inferred, not confirmed)", " (推定、未確認)")
MSG(M_AS_SINGLE_SOURCE, " (single source, not confirmed)", " (情報源 1 つ、未確認)")
MSG(M_AS_ROLLUP_NO_KB, "a monthly rollup whose KB could not be read (%s)",
    "KB 番号を読み取れないマンスリー ロールアップ (%s)")
MSG(M_AS_EARLIER, "taken as an earlier monthly rollup: its KB number is below %s's (an inference)",
    "以前のマンスリー ロールアップとみなしました: KB 番号が %s より小さいため (推定)")
MSG(M_AS_UNKNOWN_ROLLUP, "a monthly rollup the kit does not know%s", "キットが知らないマンスリー ロールアップ%s")
MSG(M_AS_NEWER, ", newer by KB number than every rollup it knows",
    " (KB 番号ではキットが知るどのロールアップよりも新しい)")
MSG(M_AS_ON_MACHINE, "%s is on the machine (%s)", "%s はこのコンピューターにあります (%s)")
MSG(M_AS_REBOOT_PENDING, "a reboot is pending (%s)", "再起動待ちです (%s)")
MSG(M_AS_BY_PENDING, "%s (install pending)", "%s (インストール保留中)")
MSG(M_AS_PENDING, "%s is installed pending a reboot: restart, then check again",
    "%s は再起動待ちでインストールされています。再起動してから再度 check してください")
MSG(M_AS_STATE_UNKNOWN,
    "the package %s (%s) is on the machine, but its state could not be read, so whether it is installed is not "
    "known",
    "パッケージ %s (%s) はこのコンピューターにありますが、状態を読み取れないため、インストールされているかわかりません")
MSG(M_AS_KB_UNKNOWN, "KB unknown", "KB 不明")
MSG(M_AS_ROLLUP_KB_UNREAD,
    "a monthly rollup (%s) is on the machine, but its KB could not be read (%s), so whether it meets the "
    "requirement is not known",
    "マンスリー ロールアップ (%s) はこのコンピューターにありますが、KB 番号を読み取れないため (%s)、要件を満たすか"
    "わかりません")
MSG(M_AS_NOT_IN_LIST, "the monthly rollup %s is on the machine, but this kit's list (up to %s) does not include it",
    "マンスリー ロールアップ %s はこのコンピューターにありますが、このキットの一覧 (%s まで) にはありません")
MSG(M_AS_HINT_NEWER,
    "hint, not a fact: %s's KB number is above every rollup the kit knows, and rollup numbers have grown with "
    "release date since 2021, so it is probably a later rollup, which would meet the requirement; a newer kit can "
    "tell",
    "ヒント (事実ではありません): %s の KB 番号はキットが知るどのロールアップよりも大きく、ロールアップの番号は "
    "2021 年以降リリース日とともに大きくなっているため、おそらくそれ以降のロールアップであり、そうであれば要件を"
    "満たします。新しいキットなら判断できます")
MSG(M_AS_PREREQ_FIRST,
    "install %s (%s) first: %s; then %s (October 2021 monthly rollup), %s (October 2021 security-only update) or "
    "a later monthly rollup",
    "先に %s (%s) をインストールしてください (%s)。その後 %s (2021 年 10 月のマンスリー ロールアップ)、"
    "%s (2021 年 10 月のセキュリティのみの更新プログラム)、またはそれ以降のマンスリー ロールアップをインストールしてください")
MSG(M_AS_PREREQ_BUILD, "the build shows it is not installed", "ビルドから見てインストールされていません")
MSG(M_AS_PREREQ_NOT_INSTALLED, "it is not among the installed updates", "インストール済みの更新プログラムにありません")
MSG(M_AS_NONE_INSTALLED,
    "none of %s (October 2021 monthly rollup), %s (October 2021 security-only update) or a later monthly rollup "
    "is installed; on the security-only track only the October 2021 security-only update or a monthly rollup "
    "meets it",
    "%s (2021 年 10 月のマンスリー ロールアップ)、%s (2021 年 10 月のセキュリティのみの更新プログラム)、それ以降の"
    "マンスリー ロールアップのどれもインストールされていません。セキュリティのみの更新プログラムで運用している場合、"
    "要件を満たすのは 2021 年 10 月のセキュリティのみの更新プログラムかマンスリー ロールアップだけです")
MSG(M_AS_HINT_OOB,
    "%s is an out-of-band update (%s): it is not known to be a cumulative rollup, so it does not count; install "
    "the month's rollup or a later one",
    "%s は定例外の更新プログラムです (%s)。累積的なロールアップとは確認されていないため、要件を満たすものとして数えません。その月の"
    "マンスリー ロールアップかそれ以降のものをインストールしてください")
MSG(M_AS_HINT_EARLIER,
    "hint: %s was counted as older than October 2021 because its KB number is below %s's; monthly rollup numbers "
    "have grown with release date",
    "ヒント: %s は KB 番号が %s より小さいため、2021 年 10 月より古いものとして数えました。マンスリー ロールアップの"
    "番号はリリース日とともに大きくなっています")
MSG(M_AS_VERSION_UNREAD, "the Windows version could not be read", "Windows のバージョンを読み取れませんでした")
MSG(M_AS_NOT_COVERED,
    "this kit has no manifest for Windows %u.%u build %u (%s): use a kit that covers it, or check KB5022661 for "
    "this version by hand",
    "このキットには Windows %u.%u ビルド %u (%s) のマニフェストがありません。対応するキットを使うか、このバージョン"
    "について KB5022661 を手動で確認してください")
MSG(M_AS_RELEASE_ITSELF, "the release itself", "このリリース自体")
MSG(M_AS_NATIVE, "this release supports ACS-signed code without an update",
    "このリリースは更新プログラムなしで ACS 署名のコードに対応しています")
MSG(M_AS_WARN_UBR_UNREAD, "the UBR could not be read; one source lists %s (%u.%u) as the minimum",
    "UBR を読み取れませんでした。1 つの情報源が %s (%u.%u) を最低限として挙げています")
MSG(M_AS_WARN_BELOW,
    "build %u.%u is below %u.%u, which one source (not Microsoft) lists as the minimum, with %s: consider "
    "installing it or any later cumulative update",
    "ビルド %u.%u は %u.%u 未満です。1 つの情報源 (Microsoft ではない) がこのビルドを %s とともに最低限として挙げて"
    "います。その更新プログラムかそれ以降の累積更新プログラムのインストールを検討してください")
MSG(M_AS_NO_UPDATE, "%s: no update brings ACS support; upgrade to a supported release",
    "%s: ACS に対応させる更新プログラムはありません。サポートされているリリースにアップグレードしてください")

/* ---- check-file (runner/checkfile.c) ---- */
MSG(M_CF_FILE, "file:         %s\n", "ファイル:       %s\n")
MSG(M_CF_CANNOT_READ, "              CANNOT BE READ: %s\n", "                読み取れません: %s\n")
MSG(M_CF_SIGNED_NO, "signed:       no\n", "署名:           なし\n")
MSG(M_CF_SIGNED_YES, "signed:       yes, by \"%s\"\n", "署名:           あり、署名者 \"%s\"\n")
MSG(M_CF_CHAIN, "chain:        ", "証明書チェーン: ")
MSG(M_CF_CHAIN_NONE, "none given by the provider", "プロバイダーから返されませんでした")
MSG(M_CF_THROUGH_PINNED, "through the pinned ACS root: an ACS signature",
    "固定された ACS のルート証明書を通る: ACS の署名")
MSG(M_CF_NOT_THROUGH_PINNED, "not through the pinned ACS root: another root",
    "固定された ACS のルート証明書を通らない: 別のルート証明書")
MSG(M_CF_TIMESTAMP, "timestamp:    %s%s by \"%s\"\n", "タイムスタンプ: %s%s、発行者 \"%s\"\n")
MSG(M_CF_AT, "at ", "")
MSG(M_CF_TIME_NOT_GIVEN, "time not given", "時刻なし")
MSG(M_CF_TIMESTAMP_NONE, "timestamp:    none reported by the trust provider\n",
    "タイムスタンプ: 信頼プロバイダーからの報告なし\n")
MSG(M_CF_PROVIDER, "provider:     WinVerifyTrust %s%s%s%s", "プロバイダー:   WinVerifyTrust %s%s%s%s")
MSG(M_CF_CHAIN_STATUS, "; signer's chain status %s", "、署名者のチェーンの状態 %s")
MSG(M_CF_CHECKED_AS_OF, "; checked as of %s", "、%s 時点で確認")
MSG(M_CF_VERDICT, "verdict:      %s: %s\n", "判定:           %s: %s\n")
MSG(M_CF_KERNEL, "kernel:       %s\n", "カーネル:       %s\n")
MSG(M_CF_REMIND_UNASSESSED,
    "the update could not be assessed: kernel code integrity may still refuse ACS-signed drivers",
    "更新プログラムを判定できませんでした: カーネルのコード整合性が ACS 署名のドライバーを拒否する可能性があります")
MSG(M_CF_REMIND_NOT_SATISFIED,
    "the update is not satisfied (see update:): this file's user-mode signature may verify while kernel code "
    "integrity still refuses ACS-signed drivers and protected services",
    "更新プログラムの要件を満たしていません (更新プログラム: を参照): このファイルのユーザー モードの署名は検証できても、"
    "カーネルのコード整合性は ACS 署名のドライバーと保護されたサービスを拒否します")
MSG(M_JSON_OOM, "out of memory writing the report", "レポートの書き込み中にメモリが不足しました")
MSG(M_CF_NOT_HERE,
    "check-file asks this Windows machine's trust provider and runs only on Windows; on Linux check a file "
    "against the kit's root with osslsigncode verify (docs/runbook.md, \"check-file\")",
    "check-file はこの Windows コンピューターの信頼プロバイダーに問い合わせるもので、Windows でのみ動作します。"
    "Linux では osslsigncode verify でキットのルート証明書に対してファイルを確認してください (docs/runbook.md の "
    "\"check-file\")")
MSG(M_CF_DISTRUST, "distrust:     the pinned root is in a Disallowed store: %s\n",
    "信頼拒否:       固定されたルート証明書が Disallowed ストアにあります: %s\n")
MSG(M_CF_PROVIDER_FAILED, "the trust provider could not be asked about %s: %s",
    "%s について信頼プロバイダーに問い合わせできませんでした: %s")
MSG(M_CF_SUMMARY, "%d of %d files verified by this machine's trust provider%s%s",
    "%d / %d 個のファイルをこのコンピューターの信頼プロバイダーが検証しました%s%s")
MSG(M_CF_SUM_USER_MODE, "; ACS-signed files verify in user mode only, the update is not satisfied",
    "。ACS 署名のファイルはユーザー モードでのみ検証され、更新プログラムの要件を満たしていません")
MSG(M_CF_SUM_UNREAD, "; some files could not be read", "。読み取れないファイルがあります")

/* ---- summary (runner/summary.c, runner/summary_out.c) ---- */
MSG(M_SUM_HEADER,
    "machine          OS                         outcome         missing                      when                 "
    "kit          notes\n",
    "コンピューター   OS                         結果            不足                         日時                 "
    "キット       備考\n")
MSG(M_SUM_OLDER, "%lu older", "古いもの %lu 件")
MSG(M_SUM_OTHER_KIT, "%sOTHER KIT", "%s別のキット")
MSG(M_SUM_NAMES_DIFFER, "%snames differ under one machine ID", "%s同じコンピューター ID で名前が異なる")
MSG(M_SUM_SCHEMA1, "%sschema /1: no machine identity", "%sスキーマ /1: コンピューターの識別情報なし")
MSG(M_SUM_OUTCOMES, "\noutcomes:    ", "\n結果:         ")
MSG(M_SUM_OS_ROWS, "\nOS rows:     ", "\nOS:           ")
MSG(M_SUM_MISSING, "\nmissing:      root %lu", "\n不足:         ルート証明書 %lu")
MSG(M_SUM_OTHER_KIT_ONE, "kit:          %lu machine checked with another kit than %s\n",
    "キット:       %lu 台を %s 以外のキットで確認\n")
MSG(M_SUM_OTHER_KIT_N, "kit:          %lu machines checked with another kit than %s\n",
    "キット:       %lu 台を %s 以外のキットで確認\n")
MSG(M_SUM_MACHINES, "machines:     %lu (from %lu reports; %lu older reports superseded)\n",
    "コンピューター: %lu 台 (レポート %lu 件から。古いレポート %lu 件は新しいもので置き換え)\n")
MSG(M_SUM_UNIDENTIFIED,
    "              %lu reports of schema acskit-report/1 carry no machine identity: each counts as its own "
    "machine\n",
    "              スキーマ acskit-report/1 のレポート %lu 件にはコンピューターの識別情報がありません。それぞれ 1 台と"
    "数えます\n")
MSG(M_SUM_FILES, "files:        %lu read, %lu refused\n", "ファイル:     %lu 件を読み取り、%lu 件を拒否\n")
MSG(M_SUM_REFUSED, "refused:      %s: %s\n", "拒否:         %s: %s\n")
MSG(M_SUM_NEEDS_FILES, "summary needs report files or directories (see --help)",
    "summary にはレポートのファイルかディレクトリが必要です (--help を参照)")
MSG(M_SUM_EXPECT_BAD, "--expect: a kit identity is 64 lowercase hex digits, got '%s'",
    "--expect: キット ID は小文字の 16 進数 64 桁です ('%s' が指定されました)")
MSG(M_SUM_CANNOT_READ_DIR, "cannot read the directory %s: %s", "ディレクトリ %s を読み取れません: %s")
MSG(M_CANNOT_READ, "cannot read %s: %s", "%s を読み取れません: %s")
MSG(M_SUM_OOM, "out of memory reading the reports", "レポートの読み取り中にメモリが不足しました")
MSG(M_SUM_NONE_VALID_ONE, "refused: no valid acskit report among %lu file",
    "拒否: %lu 個のファイルに有効な acskit のレポートがありません")
MSG(M_SUM_NONE_VALID_N, "refused: no valid acskit report among %lu files",
    "拒否: %lu 個のファイルに有効な acskit のレポートがありません")
MSG(M_SUM_OUT_OOM, "out of memory writing the %s", "%s の書き込み中にメモリが不足しました")

/* ---- the Application event, output files (runner/event.c, runner/outfile.c) ---- */
MSG(M_EV_REGISTER_FAILED,
    "warning: the event source acskit could not be registered: %s; the event is written without its message text",
    "警告: イベント ソース acskit を登録できませんでした: %s。イベントはメッセージ テキストなしで書き込みます")
MSG(M_EV_WRITE_FAILED, "warning: the Application event could not be written: %s",
    "警告: アプリケーション イベントを書き込めませんでした: %s")
MSG(M_OUT_TOO_LONG, "--%s %s: path too long", "--%s %s: パスが長すぎます")
MSG(M_OUT_CANNOT_WRITE, "cannot write the %s %s: %s", "%s %s に書き込めません: %s")
MSG(M_OUT_REPORT, "report", "レポート")

/* ---- check-file's reasons (common/filetrust.c, each inside TXT() there),
 * looked up by their English like the M_AS_ entries ---- */
MSG(M_FT_NOT_SIGNED, "the file carries no Authenticode signature this machine's trust provider can read",
    "このコンピューターの信頼プロバイダーが読み取れる Authenticode 署名がファイルにありません")
MSG(M_FT_MODIFIED, "the file's hash does not match its signature: the file was changed after it was signed",
    "ファイルのハッシュが署名と一致しません: 署名のあとでファイルが変更されています")
MSG(M_FT_ROOT_DISTRUSTED,
    "the pinned ACS root is in a Disallowed store on this machine: explicitly distrusted (see check's distrust: line)",
    "固定された ACS のルート証明書が、このコンピューターの Disallowed ストアにあります: 明示的に信頼されていません"
    " (check の 信頼拒否: の行を参照)")
MSG(M_FT_CHAIN_DISTRUSTED, "a certificate of the chain is explicitly distrusted on this machine",
    "証明書チェーンの証明書が、このコンピューターで明示的に信頼されていません")
MSG(M_FT_ROOT_RESTRICTED, "an ACS signature, and this machine holds the pinned root only with code signing left out",
    "ACS の署名ですが、このコンピューターには固定されたルート証明書がコード署名を除いた形でしかありません")
MSG(M_FT_ROOT_MISSING, "an ACS signature, and this machine does not trust the pinned root: run 'acskit-run apply'",
    "ACS の署名ですが、このコンピューターは固定されたルート証明書を信頼していません: 'acskit-run apply' を"
    "実行してください")
MSG(M_FT_OTHER_ROOT, "the chain ends at another root, which this machine does not trust (not an ACS signature)",
    "証明書チェーンは、このコンピューターが信頼していない別のルート証明書で終わります (ACS の署名ではありません)")
MSG(M_FT_WRONG_USAGE,
    "the chain is not valid for code signing on this machine (an EKU restriction on a certificate of it)",
    "証明書チェーンは、このコンピューターではコード署名に使えません (チェーンの証明書に EKU の制限があります)")
MSG(M_FT_TIME_BAD_TS,
    "the chain is outside its validity and the timestamp did not carry it (a broken or untrusted timestamp)",
    "証明書チェーンは有効期間外で、タイムスタンプでも補えませんでした (壊れているか信頼されていないタイムスタンプ)")
MSG(M_FT_TIME_NO_TS,
    "the chain is outside its validity at the time the provider checked, and the provider found no timestamp to "
    "carry it",
    "プロバイダーが確認した時点で証明書チェーンは有効期間外で、それを補うタイムスタンプも見つかりませんでした")
MSG(M_FT_FAILED, "the trust provider refused the file (see its code)",
    "信頼プロバイダーがファイルを拒否しました (コードを参照)")
MSG(M_FT_NO_CHAIN, "the trust provider passed, but gave no signer chain to confirm it with; not called verified",
    "信頼プロバイダーは合格としましたが、確認に使う署名者のチェーンを返さなかったため、検証済みとはしません")
MSG(M_FT_VERIFIED_PINNED, "verified by this machine's trust provider, through the pinned ACS root",
    "このコンピューターの信頼プロバイダーが、固定された ACS のルート証明書を通して検証しました")
MSG(M_FT_VERIFIED_OTHER, "verified by this machine's trust provider, through another trusted root",
    "このコンピューターの信頼プロバイダーが、信頼されている別のルート証明書を通して検証しました")

/* ---- installing update packages (runner/install.c, issue 13) ---- */
MSG(M_IN_NO_INSTALLER,
    "refused: %s (%s) needs %s, which this Windows does not have in its system directory (DISM comes with Windows "
    "7 and Server 2008 R2); no installer ran, nothing changed",
    "拒否: %s (%s) には %s が必要ですが、この Windows のシステム ディレクトリにはありません (DISM は Windows 7 "
    "および Windows Server 2008 R2 以降に含まれます)。インストーラーは実行されず、何も変更されていません")
MSG(M_IN_NOT_MSU_CAB,
    "refused: %s (%s) is neither a .msu nor a .cab, the two kinds acskit hands to the system's installer; no "
    "installer ran, nothing changed",
    "拒否: %s (%s) は .msu でも .cab でもありません。acskit がシステムのインストーラーに渡すのはこの 2 種類だけです。"
    "インストーラーは実行しておらず、何も変更していません")
MSG(M_IN_DIR_FAILED,
    "cannot create an admin-only directory under %%SystemRoot%%\\Temp for the update packages: %s; nothing changed",
    "更新プログラム パッケージ用に、管理者だけがアクセスできるディレクトリを %%SystemRoot%%\\Temp の下に作成できません: %s。"
    "何も変更していません")
MSG(M_IN_NOT_IN_KIT, "refused: %s names %s, which is not in the kit; no installer ran, nothing changed",
    "拒否: %s が指定する %s はキットにありません。インストーラーは実行しておらず、何も変更していません")
MSG(M_IN_CREATE_FAILED, "cannot create %s for %s: %s; no installer ran, nothing changed",
    "%s (%s 用) を作成できません: %s。インストーラーは実行しておらず、何も変更していません")
MSG(M_IN_PATH_TOO_LONG, "path too long", "パスが長すぎます")
MSG(M_IN_EXTRACT_REFUSED, "refused: %s (%s): %s; no installer ran, nothing changed",
    "拒否: %s (%s): %s。インストーラーは実行しておらず、何も変更していません")
MSG(M_IN_PROGRESS_RECEIPT_FAILED, "warning: the receipt's UpdatesStatus could not be written",
    "警告: 適用記録の UpdatesStatus を書き込めませんでした")
MSG(M_IN_DIR_REMOVE_FAILED, "warning: %s%s could not be removed: %s", "警告: %s%s を削除できませんでした: %s")
MSG(M_IN_PROGRESS, "installing %lu of %lu: %s (%s) ...", "インストール中 %lu / %lu: %s (%s) ...")
MSG(M_IN_PROGRESS_SECONDS, " %ld s\n", " %ld 秒\n")
MSG(M_IN_ACT_PENDING, "%s (%s, %s): installed by an earlier run and waiting for a restart (CBS: install pending)",
    "%s (%s、%s): 以前の実行でインストール済みで、再起動待ちです (CBS: インストール保留中)")
MSG(M_IN_ACT_PENDING_MORE,
    "%s (%s, %s): installed by an earlier run and waiting for a restart (CBS: install pending); the next package "
    "needs it complete: restart, then run apply again",
    "%s (%s、%s): 以前の実行でインストール済みで、再起動待ちです (CBS: インストール保留中)。次のパッケージの"
    "インストールにはこの完了が必要です: 再起動してから、もう一度 apply を実行してください")
MSG(M_IN_ACT_RECHECK_ERR, "%s (%s): the extracted file %s could not be checked again: %s; its installer was not run",
    "%s (%s): 展開したファイル %s を再確認できません: %s。インストーラーは実行していません")
MSG(M_IN_ACT_CHANGED,
    "%s (%s): the extracted file %s no longer has the size and SHA-256 of the kit's index; its installer was not run",
    "%s (%s): 展開したファイル %s のサイズと SHA-256 がキットのインデックスと一致しなくなりました。"
    "インストーラーは実行していません")
MSG(M_IN_ACT_NOT_STARTED, "%s (%s): %s did not start: %s", "%s (%s): %s を開始できませんでした: %s")
MSG(M_IN_ACT_INSTALLED, "%s (%s, %s, SHA-256 %s): %s exit %lu (0x%08lX): installed",
    "%s (%s、%s、SHA-256 %s): %s 終了コード %lu (0x%08lX): インストールしました")
MSG(M_IN_ACT_INSTALLED_RESTART, "%s (%s, %s, SHA-256 %s): %s exit %lu (0x%08lX): installed, a restart is needed",
    "%s (%s、%s、SHA-256 %s): %s 終了コード %lu (0x%08lX): インストールしました。再起動が必要です")
MSG(M_IN_ACT_RECEIPT_FAILED, "HKLM\\SOFTWARE\\acskit\\Packages\\%s (%s, %s) could not be written: %s",
    "HKLM\\SOFTWARE\\acskit\\Packages\\%s (%s、%s) を書き込めませんでした: %s")
MSG(M_IN_ACT_ALREADY, "%s (%s, %s): %s exit 0x%08lX: already installed",
    "%s (%s、%s): %s 終了コード 0x%08lX: 既にインストールされています")
MSG(M_IN_ACT_NOT_APPLICABLE_HINT,
    "%s (%s): %s exit 0x%08lX: not applicable to this machine: a prerequisite may be missing (%s not confirmed on "
    "this machine), or an update that supersedes it is already installed",
    "%s (%s): %s 終了コード 0x%08lX: このコンピューターには適用できません: 前提条件が不足しているか "
    "(%s はこのコンピューターで確認できていません)、これを置き換える更新プログラムが既にインストールされている"
    "可能性があります")
MSG(M_IN_ACT_RESTART_FIRST,
    "%s (%s, %s): not installed: acskit's last apply (%s) installed packages that need a restart, and Windows has "
    "been running since %s; restart, then run apply again",
    "%s (%s、%s): インストールしていません: acskit の前回の apply (%s) で再起動が必要なパッケージをインストールしましたが、"
    "Windows は %s に起動してから再起動されていません。再起動してから、もう一度 apply を実行してください")
MSG(M_IN_ACT_NA_UNCHECKED,
    "%s (%s, %s): %s exit 0x%08lX: not applicable to this machine (a prerequisite acskit cannot check: most often a "
    "later update has superseded it); not installed, going on: the next installer says if it is still needed",
    "%s (%s、%s): %s 終了コード 0x%08lX: このコンピューターには適用できません (acskit が確認できない前提条件: "
    "多くの場合、より新しい更新プログラムに置き換えられています)。インストールせずに続行します。"
    "まだ必要であれば、次のインストーラーがそれを示します")
MSG(M_IN_ACT_NOT_APPLICABLE,
    "%s (%s): %s exit 0x%08lX: not applicable to this machine: a prerequisite may be missing%s, or an update that "
    "supersedes it is already installed",
    "%s (%s): %s 終了コード 0x%08lX: このコンピューターには適用できません: 前提条件が不足しているか%s、"
    "これを置き換える更新プログラムが既にインストールされている可能性があります")
MSG(M_IN_ACT_BUSY,
    "%s (%s): %s exit 1618: another installation is in progress; let it finish (or restart), then run apply again",
    "%s (%s): %s 終了コード 1618: 別のインストールが実行中です。完了を待って (または再起動して) から、"
    "もう一度 apply を実行してください")
MSG(M_IN_ACT_FAILED, "%s (%s): %s failed: exit 0x%08lX", "%s (%s): %s が失敗しました: 終了コード 0x%08lX")
MSG(M_IN_UNUSED_ARCH, "for another architecture than this machine's", "このコンピューターとは別のアーキテクチャ用")
MSG(M_IN_UNUSED_BUILD, "not needed: the build shows it is installed", "不要: ビルドから見てインストール済み")
MSG(M_IN_UNUSED_INSTALLED, "not needed: already installed", "不要: 既にインストールされています")
MSG(M_IN_UNUSED_SECOND, "not used: the row's first update package for this architecture is the one installed",
    "使用しない: この行でこのアーキテクチャ用にインストールするのは、最初の更新プログラム パッケージです")
MSG(M_IN_UNUSED_VERDICT, "not needed: the update is %s", "不要: 更新プログラムの判定は %s です")
MSG(M_IN_UNUSED_CBS, "every package: the installed updates could not be read, so none is installed",
    "すべてのパッケージ: インストール済みの更新プログラムを読み取れないため、どれもインストールしません")
MSG(M_IN_SAY_PACKAGE, "%s %s %-12s %-4s %s: %s\n", "%s %s %-12s %-4s %s: %s\n")
MSG(M_IN_SAY_FIRST, "packages:    ", "パッケージ:    ")
MSG(M_IN_SAY_CONT, "             ", "               ")
MSG(M_IN_SAY_UNUSED, "%s not used: %s\n", "%s 使用しない: %s\n")
/* A package's status: English in the report's state (runner/machine.c reads
 * it), shown in the text's language through msg_by_english("M_IS_", ...). */
MSG(M_IS_PENDING_BEFORE, "installed before, waiting for a restart", "以前にインストール済み、再起動待ち")
MSG(M_IS_CHANGED, "not installed: the extracted file changed", "未インストール: 展開したファイルが変更されました")
MSG(M_IS_NOT_STARTED, "not installed: the installer did not start", "未インストール: インストーラーを開始できませんでした")
MSG(M_IS_INSTALLED_RESTART, "installed, restart needed", "インストール済み、再起動が必要")
MSG(M_IS_INSTALLED, "installed", "インストール済み")
MSG(M_IS_ALREADY, "already installed", "既にインストール済み")
MSG(M_IS_NOT_APPLICABLE, "not applicable", "適用できません")
MSG(M_IS_NA_SKIPPED, "skipped: not applicable", "スキップ: 適用できません")
MSG(M_IS_WAITING_RESTART, "not installed: waiting for a restart", "未インストール: 再起動待ち")
MSG(M_IS_BUSY, "not installed: another installation is in progress", "未インストール: 別のインストールが実行中")
MSG(M_IS_FAILED, "failed", "失敗")
MSG(M_IS_PENDING, "installed, waiting for a restart", "インストール済み、再起動待ち")
MSG(M_IS_MISSING, "missing: apply installs it", "不足: apply でインストールします")
MSG(M_IS_NOT_REACHED, "not reached", "未実施")
/* apply's outcome after the installers (runner/machine.c) */
MSG(M_IN_REREAD_OOM, "out of memory reading the machine's state again",
    "コンピューターの状態を再度読み取る際にメモリが不足しました")
MSG(M_SUM_RESTART_MORE, "restart, then run apply again: %lu update package(s) installed; left to install: %s",
    "再起動してから、もう一度 apply を実行してください: 更新プログラム パッケージを %lu 個インストールしました。"
    "まだインストールしていないもの: %s")
MSG(M_SUM_RESTART_END, "restart Windows: the installer of %s asked for it; %s",
    "Windows を再起動してください: %s のインストーラーが再起動を求めました。%s")
MSG(M_SUM_INSTALL_FAILED, "%s; left to install: %s", "%s。まだインストールしていないもの: %s")
MSG(M_SUM_NOT_INSTALLED, "an update package was not installed", "更新プログラム パッケージがインストールされませんでした")
MSG(M_ACT_RESTART_FAILED, "restarting Windows failed: %s; restart it by hand",
    "Windows を再起動できませんでした: %s。手動で再起動してください")
MSG(M_ACT_RESTART_DONE, "Windows restarts in 60 seconds (--restart)", "Windows は 60 秒後に再起動します (--restart)")
