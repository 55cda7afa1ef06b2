/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CHANGE_EXCHANGE_H
#define CHANGE_EXCHANGE_H

#include "change-authenticator.h"
#include "change-reasons.h"
#include "mobility-control-header.h"
#include "tracked-events.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ns3
{

class Packet;

/**
 * \ingroup mobisocket
 * \brief The one state machine for "my address changed", shared by every
 *        scheme: MobiSocket in band and over SIP, TCP-R and the redirect
 *        daemon each own one per connection and differ only in what they
 *        plug into it.
 *
 * The *mover* announces its new address and port (an update: AddChange or
 * RedirectRequest) with a sequence number, authenticated by the scheme's
 * ChangeAuthenticator, and retransmits it on the Transport's schedule until
 * a confirmation arrives or the retransmissions run out. The *responder*
 * checks each update, in this order: the scheme is active on the connection
 * (NOT_ACTIVE), the token (WRONG_TOKEN), an exact retransmission of the last
 * accepted update (answered again from a cache, unless the transport
 * retransmits by itself), the sequence number (REPLAYED), the addresses
 * against the connection and the message's origin (ADDRESS_MISMATCH), that
 * it can authenticate an answer (NO_KEY), then the authenticator's verdict,
 * acted on after its CPU time. An authentic update is applied to the
 * connection (Connection::MovePeer), answered with a confirmation, and only
 * then does the responder resume sending (the paper's ordering rule); the
 * mover applies an authentic confirmation the same way. Every rejection is
 * counted and traced, and changes nothing.
 *
 * What varies per scheme:
 * - the messages (SetMessageType: AddChange/AddConfirm or
 *   RedirectRequest/RedirectAck);
 * - the authenticator (Ed25519 signatures or an HMAC keyed by an agreed
 *   secret);
 * - the Transport: an URG control segment on the connection, the daemons'
 *   UDP channel, or a SIP INFO; it also sets the retransmission schedule;
 * - the Connection it acts on (the socket itself, or an application's view
 *   of it through the socket's public calls).
 *
 * Trace sources (the vocabulary every collector uses): UpdateSent,
 * UpdateReceived, UpdateAccepted, ConfirmSent, ConfirmReceived,
 * ConfirmAccepted, Rejected, Failed.
 */
class ChangeExchange : public Object
{
  public:
    /**
     * \brief What an exchange needs of the connection end it relocates.
     */
    class Connection
    {
      public:
        virtual ~Connection();

        /// \return true if the connection is alive and the scheme is active on it
        virtual bool CanRelocate() const = 0;
        /// \return the token that names the connection in the messages
        virtual uint64_t GetExchangeToken() const = 0;
        /// \return this end's current address
        virtual IpAddress GetExchangeLocalAddress() const = 0;
        /// \return this end's current port
        virtual uint16_t GetExchangeLocalPort() const = 0;
        /// \return the peer's current address: the one its updates name as their old address
        virtual IpAddress GetExchangePeerAddress() const = 0;
        /**
         * \return where this end's updates go, and so where their
         *         confirmations come from: by default the peer's current
         *         address; a scheme that found the peer through a rendezvous
         *         (TCP Migrate's DNS) sends to the address it found there
         */
        virtual IpAddress GetExchangeDestination() const;

        /**
         * \brief Apply the peer's authentic update: rewrite the peer's address
         *        and port.
         * \param update the update
         * \return false if the connection refused the rewrite
         */
        virtual bool MovePeer(const AddressUpdateHeader& update) = 0;

        /**
         * \brief A change completed at this end: the mover verified the
         *        confirmation, or the responder sent its answer.
         * \param restart whether to restart transmission at once (ResetTimer)
         */
        virtual void ChangeCompleted(bool restart) = 0;
    };

    /**
     * \brief How the messages travel, and how often they are retransmitted.
     */
    class Transport
    {
      public:
        virtual ~Transport();

        /**
         * \brief Send an update to the peer.
         * \param message the authenticated update
         */
        virtual void SendUpdate(const AddressUpdateHeader& message) = 0;

        /**
         * \brief Send a confirmation to the peer.
         * \param message the authenticated confirmation
         */
        virtual void SendConfirm(const AddressConfirmHeader& message) = 0;

        /**
         * \param transmissions how many times the update has been sent (1 after the first)
         * \return how long to wait for the confirmation after that transmission
         */
        virtual Time GetConfirmationTimeout(uint32_t transmissions) const = 0;

        /// \return how many times an unconfirmed update is sent again
        virtual uint32_t GetMaxRetransmissions() const = 0;

        /**
         * \return true if the transport retransmits by itself and delivers
         *         each message once (SIP's transactions): a repeated update
         *         is then a replay, never a retransmission to answer again
         */
        virtual bool RetransmitsItself() const;
    };

    /// Where a received message came from, as far as its transport can tell.
    struct Origin
    {
        std::optional<IpAddress> address; //!< the sender's address (segment or datagram source)
        std::optional<uint16_t> port;     //!< the sender's connection port (URG segments only)
    };

    /// What the exchange has done so far.
    struct Counters
    {
        uint32_t announced{0};     //!< changes of this end announced (sequence numbers used)
        uint32_t transmissions{0}; //!< transmissions of this end's updates
        uint32_t accepted{0};      //!< the peer's updates accepted
        uint32_t confirmed{0};     //!< this end's changes confirmed
        uint32_t failed{0};        //!< changes given up
        std::array<uint32_t, N_CHANGE_REJECT_REASONS> rejects{}; //!< per ChangeRejectReason

        /**
         * \param other counters to add
         * \return *this
         */
        Counters& operator+=(const Counters& other);

        /**
         * \param reason a reason
         * \return the messages rejected for it
         */
        uint32_t GetRejects(ChangeRejectReason reason) const;

        /// \return the messages rejected for any reason
        uint32_t GetRejects() const;
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ChangeExchange();
    ~ChangeExchange() override;

    /**
     * \brief Attach the exchange to the connection end it relocates (not owned).
     * \param connection the connection end
     */
    void SetConnection(Connection* connection);

    /**
     * \param transport how the messages travel (not owned)
     */
    void SetTransport(Transport* transport);

    /// \param authenticator how the messages are authenticated
    void SetAuthenticator(Ptr<ChangeAuthenticator> authenticator);

    /// \return the authenticator (null if none yet)
    Ptr<ChangeAuthenticator> GetAuthenticator() const;

    /**
     * \param type the update message type (ADD_CHANGE or REDIRECT_REQUEST);
     *        the confirmation type follows from it
     */
    void SetMessageType(MobilityControlHeader::MessageType type);

    /// \return the update message type
    MobilityControlHeader::MessageType GetUpdateType() const;

    /// \param resetTimer restart transmission as soon as a change completes
    void SetResetTimer(bool resetTimer);

    /**
     * \param address the address the peer knows this end by (its address
     *        when the connection was set up, or its last confirmed one)
     */
    void SetAddressKnownToPeer(const IpAddress& address);

    /// \return the address the peer knows this end by
    IpAddress GetAddressKnownToPeer() const;

    /**
     * \brief Announce this end's current address and port to the peer (the
     *        mover's side); replaces an unconfirmed earlier announcement.
     * \return false if this end cannot authenticate the update (the change
     *         fails with NO_KEY) or has no connection to relocate
     */
    bool Announce();

    /// \return true while an announced change waits for its confirmation
    bool IsPending() const;

    /**
     * \brief Send the pending update again at once, because its destination
     *        changed (the connection found the peer at another address).
     *
     * It counts as a transmission, and the confirmation timer starts again
     * from it. An update still being authenticated goes out when it is
     * ready, to the new destination.
     *
     * \return false if no update is pending
     */
    bool ResendPending();

    /**
     * \brief The transport (or what it needs first) gave up on the pending
     *        update: the change fails.
     * \param reason why
     */
    void FailPending(ChangeFailReason reason);

    /**
     * \brief Report a change that failed outside the state machine (before
     *        it could start, or the answer of a peer's change).
     * \param sequence the change's sequence number (0 if none)
     * \param reason why
     */
    void ReportFailure(uint32_t sequence, ChangeFailReason reason);

    /**
     * \brief Hand the exchange a received message.
     * \param message the message's bytes
     * \param origin where it came from
     * \return false if it is not one of this exchange's message types (the
     *         caller may handle it); true if the exchange took it (and
     *         perhaps rejected it)
     */
    bool Receive(Ptr<const Packet> message, const Origin& origin);

    /**
     * \brief Process a received update (the responder's side).
     * \param update the message
     * \param origin where it came from
     * \return the reason it was refused at once (before any check of its
     *         authenticity: the transport may tell the sender, e.g. SIP's
     *         503 for OVER_BUDGET), or nothing if it was taken: its check
     *         was started, or it was a retransmission and was answered
     */
    std::optional<ChangeRejectReason> ReceiveUpdate(const AddressUpdateHeader& update,
                                                    const Origin& origin);

    /**
     * \brief Process a received confirmation (the mover's side).
     * \param confirm the message
     * \param origin where it came from
     */
    void ReceiveConfirm(const AddressConfirmHeader& confirm, const Origin& origin);

    /**
     * \brief Count and trace a rejected message meant for this exchange
     *        (also used by owners for messages they could not decode).
     * \param type the message type
     * \param reason why
     */
    void Reject(MobilityControlHeader::MessageType type, ChangeRejectReason reason);

    /// \return what the exchange has done
    const Counters& GetCounters() const;

    /// \return the sequence number of the peer's last accepted update (0: none)
    uint32_t GetLastAcceptedSequence() const;

    /**
     * TracedCallback signature for updates.
     * \param [in] message the update
     */
    typedef void (*UpdateTracedCallback)(const AddressUpdateHeader& message);

    /**
     * TracedCallback signature for confirmations.
     * \param [in] message the confirmation
     */
    typedef void (*ConfirmTracedCallback)(const AddressConfirmHeader& message);

    /**
     * TracedCallback signature for rejected messages.
     * \param [in] type the message type
     * \param [in] reason why
     */
    typedef void (*RejectedTracedCallback)(MobilityControlHeader::MessageType type,
                                           ChangeRejectReason reason);

    /**
     * TracedCallback signature for failed changes.
     * \param [in] sequence the change's sequence number (0 if none)
     * \param [in] reason why
     */
    typedef void (*FailedTracedCallback)(uint32_t sequence, ChangeFailReason reason);

  protected:
    void DoDispose() override;

  private:
    /// Send (or resend) the pending update and arm its timer.
    void TransmitUpdate();

    /**
     * \brief The authenticator's verdict on an update is known: apply and answer it.
     * \param update the update
     * \param verdict the verdict
     */
    void AcceptUpdate(std::shared_ptr<AddressUpdateHeader> update, AuthenticityVerdict verdict);

    /**
     * \brief The answer is authenticated: send it, then resume.
     * \param confirm the answer
     */
    void SendConfirm(std::shared_ptr<AddressConfirmHeader> confirm);

    /**
     * \brief The authenticator's verdict on a confirmation is known: complete the change.
     * \param confirm the confirmation
     * \param verdict the verdict
     */
    void AcceptConfirm(std::shared_ptr<AddressConfirmHeader> confirm, AuthenticityVerdict verdict);

    /**
     * \param update a received update
     * \param origin where it came from
     * \return true if its addresses fit the connection and its origin
     */
    bool AddressesFit(const AddressUpdateHeader& update, const Origin& origin) const;

    /**
     * \brief Spend one authenticity check of the budget (CheckRate, CheckBurst).
     * \return false if the budget is spent (the message is refused unchecked)
     */
    bool TakeCheckBudget();

    /**
     * \brief Common checks of every received message: the scheme is active
     *        and the token names this connection.
     * \param message the message
     * \return why it is not for this connection, or nothing if it is
     */
    std::optional<ChangeRejectReason> RefuseConnection(const MobilityControlHeader& message) const;

    /**
     * \brief The checks of a received update before its authenticity; start
     *        that check if they pass (ReceiveUpdate()).
     * \param update the message
     * \param origin where it came from
     * \return why it is refused, or nothing if it was taken
     */
    std::optional<ChangeRejectReason> TakeUpdate(const AddressUpdateHeader& update,
                                                 const Origin& origin);

    /**
     * \brief Count and trace a failed change.
     * \param sequence its sequence number
     * \param reason why
     */
    void Fail(uint32_t sequence, ChangeFailReason reason);

    Connection* m_connection{nullptr};        //!< the connection end (not owned)
    Transport* m_transport{nullptr};          //!< the transport (not owned)
    Ptr<ChangeAuthenticator> m_authenticator; //!< authenticates the messages
    MobilityControlHeader::MessageType m_updateType{MobilityControlHeader::ADD_CHANGE}; //!< updates
    bool m_resetTimer{true}; //!< restart when a change completes
    IpAddress m_knownToPeer; //!< our address the peer has

    // This end as the mover
    uint32_t m_sequence{0};                         //!< sequence of our last update
    std::unique_ptr<AddressUpdateHeader> m_pending; //!< unconfirmed update (null: none)
    uint32_t m_pendingTransmissions{0};             //!< its transmissions
    EventId m_updateEvent;                          //!< authentication delay / retransmission

    // This end as the responder
    uint32_t m_lastAccepted{0};                     //!< sequence of the last accepted update
    std::vector<uint8_t> m_lastAcceptedBytes;       //!< its bytes, to recognise retransmissions
    std::vector<uint8_t> m_verifyingBytes;          //!< update being authenticated (empty: none)
    double m_checkRate{0};                          //!< CheckRate attribute (0: no limit)
    uint32_t m_checkBurst{4};                       //!< CheckBurst attribute
    double m_budget{-1};                            //!< checks left (< 0: full, not used yet)
    Time m_budgetTime;                              //!< when the budget was last refilled
    std::unique_ptr<AddressConfirmHeader> m_answer; //!< the last answer, once authenticated

    TrackedEvents m_events; //!< authentication delays in progress
    Counters m_counters;    //!< what happened

    TracedCallback<const AddressUpdateHeader&> m_updateSentTrace;       //!< "UpdateSent"
    TracedCallback<const AddressUpdateHeader&> m_updateReceivedTrace;   //!< "UpdateReceived"
    TracedCallback<const AddressUpdateHeader&> m_updateAcceptedTrace;   //!< "UpdateAccepted"
    TracedCallback<const AddressConfirmHeader&> m_confirmSentTrace;     //!< "ConfirmSent"
    TracedCallback<const AddressConfirmHeader&> m_confirmReceivedTrace; //!< "ConfirmReceived"
    TracedCallback<const AddressConfirmHeader&> m_confirmAcceptedTrace; //!< "ConfirmAccepted"
    TracedCallback<MobilityControlHeader::MessageType, ChangeRejectReason>
        m_rejectedTrace;                                      //!< "Rejected"
    TracedCallback<uint32_t, ChangeFailReason> m_failedTrace; //!< "Failed"
};

} // namespace ns3

#endif /* CHANGE_EXCHANGE_H */
