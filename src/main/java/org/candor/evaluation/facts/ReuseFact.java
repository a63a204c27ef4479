package org.candor.evaluation.facts;

import org.candor.campaign.ReusedContent;
import org.candor.campaign.ReusedContentKind;

/** One piece of reused content in a post. */
public final class ReuseFact {
    private final PostFact post;
    private final ReusedContent content;
    private final int index;
    private final boolean creditedInText;

    ReuseFact(PostFact post, ReusedContent content, int index) {
        this.post = post;
        this.content = content;
        this.index = index;
        this.creditedInText = mentions(post.getText(), content.owner());
    }

    private static boolean mentions(String text, String owner) {
        if (text == null || owner == null || owner.isBlank()) {
            return false;
        }
        String o = owner.strip().toLowerCase(java.util.Locale.ROOT);
        if (o.startsWith("@")) {
            o = o.substring(1);
        }
        return o.length() >= 2 && text.toLowerCase(java.util.Locale.ROOT).contains(o);
    }

    public PostFact getPost() {
        return post;
    }

    public String getSubject() {
        return post.getSubject();
    }

    public int getIndex() {
        return index;
    }

    public ReusedContentKind getKind() {
        return content.kind();
    }

    /** "IMAGE 'photo by lens.lab' (owner lens.lab)". */
    public String getLabel() {
        StringBuilder sb = new StringBuilder().append(content.kind());
        if (content.description() != null && !content.description().isBlank()) {
            sb.append(" '").append(content.description()).append('\'');
        }
        sb.append(" (owner ").append(getOwner()).append(')');
        return sb.toString();
    }

    public String getOwner() {
        return content.owner() == null || content.owner().isBlank() ? "not named" : content.owner();
    }

    /** Credited: stated so, or the owner is named in the caption. */
    public boolean isCreditGiven() {
        return Boolean.TRUE.equals(content.credited()) || (content.credited() == null && creditedInText);
    }

    public Boolean getCredited() {
        return content.credited();
    }

    public Boolean getLicensed() {
        return content.licensed();
    }

    public Boolean getConsentObtained() {
        return content.consentObtained();
    }

    /** The influencer's own material needs no credit or licence. */
    public boolean isOwnContent() {
        String owner = content.owner();
        if (owner == null) {
            return false;
        }
        String o = owner.strip().startsWith("@") ? owner.strip().substring(1) : owner.strip();
        return o.equalsIgnoreCase(post.getInfluencer().getHandle());
    }
}
