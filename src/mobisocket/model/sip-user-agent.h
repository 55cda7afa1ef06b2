/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SIP_USER_AGENT_H
#define SIP_USER_AGENT_H

#include "crypto-agent.h"
#include "mobi-socket.h"
#include "mobility-control-header.h"
#include "sip-message.h"
#include "sip-transaction.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Socket;
class UniformRandomVariable;

/**
 * \ingroup mobisocket
 * \brief A SIP user agent (RFC 3261 over UDP) that keeps a MobiSocket
 *        session alive across address changes: the paper's "SIP
 *        application" (its Figure 1).
 *
 * It registers its address of record (Aor) with a registrar (SipProxy),
 * calls a peer through the proxy (INVITE, 200 OK, ACK) and answers calls
 * automatically. The SDP of the INVITE and of the 200 OK describe the
 * session's TCP connection (RFC 4145) and carry each side's Ed25519 public
 * key (SipSessionDescription), so each end learns the other's key during
 * call set-up.
 *
 * When the host gets a new address (NotifyAddressChange(), e.g. from a DHCP
 * client's NewLease), the UA, as the *mover*:
 * 1. rewrites the source of the session's MobiSocket
 *    (UpdateTcb(SOURCE, new address));
 * 2. builds an AddChange (token of the connection, a per-session
 *    increasing sequence number, the address the peer knows it by, the new
 *    address, the connection's port) and signs it (CryptoAgent: the INFO
 *    leaves after the modelled CPU time);
 * 3. sends it in a SIP INFO (RFC 6086, Info Package "mobisocket-update",
 *    body SipInfoBody). UpdateMode Direct: straight to the peer's last known
 *    contact (the paper's optimization). UpdateMode ViaProxy: first
 *    re-REGISTER the new contact and wait for the 200 OK, then send the INFO
 *    to the proxy, addressed to the peer's AOR.
 *
 * The *peer*, on such an INFO, answers 200 OK at once (RFC 6086: the 200
 * says the INFO was received, not that its content was accepted), verifies
 * the signature with the key learnt from the SDP (acting after the CPU
 * time), checks the token, that the sequence number is newer than the last
 * accepted one, and that the old address is its socket's peer address, then
 * rewrites the destination of its socket (UpdateTcb(DESTINATION)), signs an
 * AddConfirm and sends it in its own INFO to the mover's new contact
 * (Direct) or through the proxy (ViaProxy). Following the paper's ordering
 * rule ("start sending when they receive the INFO from the other end, start
 * receiving after they send the INFO") the peer calls ResetTimer() after it
 * has updated and sent its INFO, the mover after it has verified the
 * confirming INFO (attribute ResetTimer).
 *
 * A failed check changes nothing: it is logged, counted
 * (GetInfoRejectCount()) and traced (InfoRejected). An INFO that gets no
 * final response is retransmitted by its client transaction (Timer E) and
 * given up after Timer F (UpdateFailed). Unparsable datagrams are counted
 * (GetParseErrorCount()) and dropped.
 *
 * One session (one call, one MobiSocket connection) per user agent.
 */
class SipUserAgent : public Application
{
  public:
    /// Where the mover sends its INFO.
    enum UpdateMode
    {
        DIRECT = 0,   //!< to the peer's last known contact, at once
        VIA_PROXY = 1 //!< to the proxy (peer's AOR), after re-registering
    };

    /// Why an INFO (or its content) was rejected.
    enum InfoRejectReason
    {
        MALFORMED = 0,        //!< unknown Content-Type or unreadable body
        UNKNOWN_DIALOG = 1,   //!< no session with that Call-ID and tags (481)
        BAD_PACKAGE = 2,      //!< not the mobisocket-update Info Package (469)
        NO_SOCKET = 3,        //!< no session socket was set (SetSessionSocket)
        NO_PEER_KEY = 4,      //!< the peer's key was not learnt from the SDP
        NO_LOCAL_KEY = 5,     //!< this end has no key pair to sign its answer
        BAD_SIGNATURE = 6,    //!< the signature does not verify with the peer's key
        WRONG_TOKEN = 7,      //!< token of another connection
        REPLAYED = 8,         //!< sequence number not newer than the last accepted one
        ADDRESS_MISMATCH = 9, //!< old (or confirmed) address disagrees with the connection
        UNEXPECTED = 10,      //!< an AddConfirm without a pending update
        UPDATE_REFUSED = 11   //!< the socket refused UpdateTcb
    };

    /// Number of INFO reject reasons.
    static constexpr int N_INFO_REJECT_REASONS = 12;

    /// Why an update did not complete.
    enum UpdateFailure
    {
        INFO_TIMEOUT = 0,    //!< the mover's INFO got no final response (Timer F)
        INFO_REFUSED = 1,    //!< the mover's INFO got a non-2xx final response
        REGISTER_FAILED = 2, //!< ViaProxy: the re-REGISTER failed or timed out
        NO_SESSION = 3,      //!< the address changed without an established session or socket
        NO_KEY = 4,          //!< the address changed but this end has no key pair
        SOCKET_REFUSED = 5,  //!< UpdateTcb(SOURCE) failed
        CONFIRM_FAILED = 6,  //!< the peer's confirming INFO timed out or was refused
        NOT_CONFIRMED = 7    //!< the mover got no valid AddConfirm within 64*T1 of its INFO
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SipUserAgent();
    ~SipUserAgent() override;

    /**
     * \brief Set this end's Ed25519 key pair (its public key goes into the
     *        SDP; it signs AddChange and AddConfirm).
     * \param keyPair the key pair
     */
    void SetKeyPair(const Ed25519KeyPair& keyPair);

    /**
     * \brief Register the current contact with the registrar (ProxyAddress).
     * \return false if the UA cannot send (no node, no proxy address)
     */
    bool Register();

    /**
     * \brief Call a peer through the proxy: INVITE with an SDP offer (this
     *        end is the active, connecting side), 200 OK, ACK.
     * \param peerAor the peer's address of record
     * \return false if a session exists, the AOR is invalid, or the UA
     *         cannot send
     */
    bool Call(const std::string& peerAor);

    /**
     * \brief Give the UA the session's connected MobiSocket (the TCP
     *        connection carrying the session's media).
     * \param socket the socket (null to forget it)
     */
    void SetSessionSocket(Ptr<MobiSocket> socket);

    /// \return the session's socket (null if none)
    Ptr<MobiSocket> GetSessionSocket() const;

    /**
     * \brief The host has a new address: start the update procedure (see the
     *        class description).
     * \param newAddress the new address (must be assigned to the node)
     */
    void NotifyAddressChange(Ipv4Address newAddress);

    /// \return true if the peer's public key was learnt from the SDP
    bool HasPeerPublicKey() const;
    /// \return the peer's public key (all zero if not learnt)
    Ed25519PublicKey GetPeerPublicKey() const;
    /// \return the peer's contact URI (its remote target), "" if no session
    std::string GetPeerContact() const;
    /// \return the peer's address of record, "" if no session
    std::string GetPeerAor() const;
    /// \return this UA's contact URI
    std::string GetContact() const;
    /// \return the address this UA uses (its host's current address)
    Ipv4Address GetLocalAddress() const;
    /// \return true once a REGISTER was answered with a 2xx (until one fails)
    bool IsRegistered() const;
    /// \return true once the INVITE was answered and acknowledged
    bool IsSessionEstablished() const;
    /// \return the session's Call-ID ("" if none)
    std::string GetCallId() const;

    /**
     * \param reason a reason
     * \return how many INFOs were rejected for it
     */
    uint32_t GetInfoRejectCount(InfoRejectReason reason) const;
    /// \return INFOs rejected for any reason
    uint32_t GetInfoRejectCount() const;
    /// \return received datagrams that are not usable SIP messages
    uint32_t GetParseErrorCount() const;
    /// \return request and response retransmissions sent
    uint32_t GetRetransmissionCount() const;
    /// \return the sequence number of the peer's last accepted AddChange (0: none)
    uint32_t GetLastAcceptedSequence() const;

    /**
     * \param reason a reason
     * \return its name
     */
    static const char* GetInfoRejectReasonName(InfoRejectReason reason);
    /**
     * \param failure a failure
     * \return its name
     */
    static const char* GetUpdateFailureName(UpdateFailure failure);

    /**
     * \brief Fix the random stream used for tags, branches and Call-IDs.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for SIP messages sent or received.
     * \param [in] message the message
     * \param [in] bytes its size on the wire (UDP payload)
     */
    typedef void (*MessageTracedCallback)(const SipMessage& message, uint32_t bytes);
    /**
     * TracedCallback signature for a successful registration.
     * \param [in] contact the registered contact
     * \param [in] expires the registration's lifetime granted by the registrar
     */
    typedef void (*RegisteredTracedCallback)(const std::string& contact, Time expires);
    /**
     * TracedCallback signature for an established session.
     * \param [in] callId the session's Call-ID
     * \param [in] peerContact the peer's contact
     */
    typedef void (*SessionTracedCallback)(const std::string& callId,
                                          const std::string& peerContact);
    /**
     * TracedCallback signature for a failed call.
     * \param [in] status the final status code (0: timeout)
     */
    typedef void (*CallFailedTracedCallback)(int status);
    /**
     * TracedCallback signature for AddChange events.
     * \param [in] header the AddChange
     */
    typedef void (*AddChangeTracedCallback)(const AddChangeHeader& header);
    /**
     * TracedCallback signature for AddConfirm events.
     * \param [in] header the AddConfirm
     */
    typedef void (*AddConfirmTracedCallback)(const AddConfirmHeader& header);
    /**
     * TracedCallback signature for a completed update (mover).
     * \param [in] header the verified AddConfirm
     * \param [in] delay time from NotifyAddressChange() to now
     */
    typedef void (*UpdateConfirmedTracedCallback)(const AddConfirmHeader& header, Time delay);
    /**
     * TracedCallback signature for a failed update.
     * \param [in] sequence the AddChange's (or AddConfirm's) sequence number (0: none)
     * \param [in] failure why
     */
    typedef void (*UpdateFailedTracedCallback)(uint32_t sequence, UpdateFailure failure);
    /**
     * TracedCallback signature for a rejected INFO.
     * \param [in] reason why
     */
    typedef void (*InfoRejectedTracedCallback)(InfoRejectReason reason);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// The session (one call).
    struct Session
    {
        bool exists{false};               //!< a call is set up or being set up
        bool established{false};          //!< 2xx and ACK done
        bool caller{false};               //!< this end sent the INVITE
        std::string callId;               //!< Call-ID
        std::string localTag;             //!< this end's tag
        std::string remoteTag;            //!< the peer's tag
        std::string peerAor;              //!< the peer's address of record
        std::string remoteTarget;         //!< the peer's contact
        uint32_t localCSeq{0};            //!< last CSeq this end used
        uint32_t inviteCSeq{0};           //!< CSeq of the INVITE
        uint32_t remoteCSeq{0};           //!< highest CSeq the peer used
        Ed25519PublicKey peerKey{};       //!< learnt from the SDP
        bool hasPeerKey{false};           //!< peerKey is set
        SipMessage ack;                   //!< the ACK sent (caller), re-sent on 2xx retransmissions
        Ptr<SipServerTransaction> invite; //!< the INVITE's server transaction (callee)
    };

    /// \return false if the socket cannot be created
    bool EnsureSocket();
    /// \return the source address the node would use towards the proxy
    Ipv4Address FindLocalAddress() const;
    /// \return the user part of the AOR
    std::string GetUser() const;
    /// \return the host part of the AOR (the domain)
    std::string GetDomain() const;
    /// \return T1, T2 and T4
    SipTimers GetTimers() const;
    /// \return a new tag
    std::string NewTag();
    /// \return a new RFC 3261 branch
    std::string NewBranch();

    /**
     * \brief The transport: send a message in one datagram.
     * \param message the message
     * \param destination where to
     * \param port the destination port
     * \param retransmission whether it is a retransmission
     */
    void Transmit(const SipMessage& message,
                  Ipv4Address destination,
                  uint16_t port,
                  bool retransmission);
    /**
     * \brief Read the datagrams waiting on the socket.
     * \param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * \brief Start a client transaction for a request.
     * \param request the request (with its Via)
     * \param destination where to send it
     * \param port the destination port
     * \return the transaction
     */
    Ptr<SipClientTransaction> StartClientTransaction(const SipMessage& request,
                                                     Ipv4Address destination,
                                                     uint16_t port);
    /**
     * \brief Build a request within the session's dialog.
     * \param method the method
     * \param requestUri the Request-URI
     * \return the request (new CSeq, Via and Contact)
     */
    SipMessage BuildInDialogRequest(const std::string& method, const std::string& requestUri);
    /**
     * \brief Pick where an update INFO (AddChange or AddConfirm) goes, per
     *        UpdateMode: to the proxy, addressed to the peer's AOR (ViaProxy),
     *        or to the peer's contact (Direct).
     * \param[out] target the Request-URI
     * \param[out] destination where to send the INFO
     * \param[out] port the destination port
     * \return false if Direct and the peer's contact does not resolve
     *         (SipInfoBody::ResolveUri); destination is then the proxy's
     *         address, and port the proxy's or what the resolution wrote
     */
    bool GetUpdateRoute(std::string& target, Ipv4Address& destination, uint16_t& port) const;
    /**
     * \brief Build an INFO of the mobisocket-update Info Package within the
     *        session's dialog.
     * \param target the Request-URI
     * \param contentType the body's Content-Type
     * \param body the body
     * \return the request (new CSeq, Via and Contact)
     */
    SipMessage BuildUpdateInfo(const std::string& target,
                               const std::string& contentType,
                               const std::string& body);

    /**
     * \brief A request arrived.
     * \param request the request
     * \param source its source address
     * \param port its source port
     */
    void ReceiveRequest(const SipMessage& request, Ipv4Address source, uint16_t port);
    /**
     * \brief A response arrived.
     * \param response the response
     */
    void ReceiveResponse(const SipMessage& response);
    /**
     * \brief A client transaction passes a response up.
     * \param transaction the transaction
     * \param response the response
     */
    void TransactionResponse(Ptr<SipClientTransaction> transaction, const SipMessage& response);
    /**
     * \brief A client transaction timed out.
     * \param transaction the transaction
     */
    void TransactionTimeout(Ptr<SipClientTransaction> transaction);
    /**
     * \brief A server transaction terminated.
     * \param transaction the transaction
     */
    void ServerTransactionFinished(Ptr<SipServerTransaction> transaction);

    /**
     * \brief Answer a request with a response that carries no body.
     * \param transaction its server transaction
     * \param status the status code
     */
    void Reply(Ptr<SipServerTransaction> transaction, int status);
    /**
     * \brief An INVITE arrived (new server transaction).
     * \param request the INVITE
     * \param transaction its server transaction
     */
    void HandleInvite(const SipMessage& request, Ptr<SipServerTransaction> transaction);
    /**
     * \brief An ACK arrived.
     * \param request the ACK
     */
    void HandleAck(const SipMessage& request);
    /**
     * \brief An INFO arrived (new server transaction).
     * \param request the INFO
     * \param transaction its server transaction
     */
    void HandleInfo(const SipMessage& request, Ptr<SipServerTransaction> transaction);
    /**
     * \brief A BYE arrived (new server transaction).
     * \param request the BYE
     * \param transaction its server transaction
     */
    void HandleBye(const SipMessage& request, Ptr<SipServerTransaction> transaction);

    /**
     * \brief The response to a REGISTER.
     * \param transaction its transaction
     * \param response the response (invalid: timeout)
     */
    void RegisterAnswered(Ptr<SipClientTransaction> transaction, const SipMessage& response);
    /**
     * \brief The response to the INVITE.
     * \param response the response (invalid: timeout)
     */
    void InviteAnswered(const SipMessage& response);
    /**
     * \brief The response to an INFO.
     * \param transaction its transaction
     * \param response the response (invalid: timeout)
     */
    void InfoAnswered(Ptr<SipClientTransaction> transaction, const SipMessage& response);

    /// Sign the pending AddChange and send it once the signature is ready.
    void SignAndSendAddChange();
    /// Send the INFO with the pending AddChange.
    void SendAddChange();
    /**
     * \brief No AddConfirm arrived in time.
     * \param sequence the AddChange it should confirm
     */
    void ConfirmTimeout(uint32_t sequence);
    /**
     * \brief Authenticate a received AddChange (peer role).
     * \param header the AddChange
     * \param contact the INFO's Contact
     */
    void ProcessAddChange(const AddChangeHeader& header, const std::string& contact);
    /**
     * \brief Act on a verified (or not) AddChange.
     * \param header the AddChange
     * \param valid the signature's verdict
     * \param contact the INFO's Contact
     */
    void AcceptAddChange(AddChangeHeader header, bool valid, std::string contact);
    /**
     * \brief Send the INFO with a signed AddConfirm, then ResetTimer.
     * \param confirm the AddConfirm
     */
    void SendAddConfirm(AddConfirmHeader confirm);
    /**
     * \brief Authenticate a received AddConfirm (mover role).
     * \param header the AddConfirm
     */
    void ProcessAddConfirm(const AddConfirmHeader& header);
    /**
     * \brief Act on a verified (or not) AddConfirm.
     * \param header the AddConfirm
     * \param valid the signature's verdict
     */
    void AcceptAddConfirm(AddConfirmHeader header, bool valid);
    /**
     * \brief Count, log and trace a rejected INFO.
     * \param reason why
     */
    void RejectInfo(InfoRejectReason reason);
    /**
     * \brief Log and trace a failed update.
     * \param sequence the sequence number concerned
     * \param failure why
     */
    void FailUpdate(uint32_t sequence, UpdateFailure failure);
    /**
     * \brief Remember a pending crypto event (cancelled on dispose).
     * \param event the event
     */
    void TrackEvent(EventId event);

    // Attributes
    std::string m_aor;               //!< address of record
    Ipv4Address m_proxyAddress;      //!< registrar / outbound proxy
    uint16_t m_proxyPort{5060};      //!< its port
    uint16_t m_localPort{5060};      //!< UDP port of this UA
    Time m_registerExpires;          //!< requested registration lifetime
    Time m_t1;                       //!< RFC 3261 T1
    Time m_t2;                       //!< RFC 3261 T2
    Time m_t4;                       //!< RFC 3261 T4
    UpdateMode m_updateMode{DIRECT}; //!< where the mover's INFO goes
    bool m_resetTimer{true};         //!< call ResetTimer per the paper's ordering rule
    bool m_refreshOnMove{true};      //!< Direct mode: also re-REGISTER after a move
    uint16_t m_mediaPort{5001};      //!< port of the passive end in the SDP

    // Transport and identity
    Ptr<Socket> m_socket;                                       //!< UDP socket
    Ipv4Address m_localAddress{Ipv4Address::GetAny()};          //!< current address of the host
    Ed25519KeyPair m_keyPair;                                   //!< this end's keys
    Ptr<UniformRandomVariable> m_rng;                           //!< tags, branches, Call-IDs
    std::map<std::string, Ptr<SipClientTransaction>> m_clients; //!< by branch
    std::map<std::string, Ptr<SipServerTransaction>> m_servers; //!< by key

    // Registration
    bool m_registered{false};                        //!< last REGISTER succeeded
    std::string m_registerCallId;                    //!< Call-ID of all REGISTERs
    std::string m_registerTag;                       //!< From tag of all REGISTERs
    uint32_t m_registerCSeq{0};                      //!< last REGISTER CSeq
    Ptr<SipClientTransaction> m_registerTransaction; //!< current REGISTER
    EventId m_refreshEvent;                          //!< registration refresh
    bool m_updateAwaitsRegistration{false};          //!< ViaProxy: INFO after the 200 OK

    // The session
    Session m_session;               //!< the call
    Ptr<MobiSocket> m_sessionSocket; //!< its TCP connection

    // Update, as the mover
    uint32_t m_updateSequence{0};    //!< last AddChange sequence
    bool m_updatePending{false};     //!< m_pendingChange is unconfirmed
    AddChangeHeader m_pendingChange; //!< the AddChange
    Time m_moveTime;                 //!< when NotifyAddressChange() was called
    Ipv4Address m_addressKnownToPeer{
        Ipv4Address::GetAny()};                    //!< the address the peer last confirmed
    Ptr<SipClientTransaction> m_updateTransaction; //!< the INFO with the AddChange
    EventId m_signEvent;                           //!< signature delay
    EventId m_confirmTimeoutEvent;                 //!< gives up waiting for the AddConfirm

    // Update, as the peer
    uint32_t m_lastAcceptedSequence{0};             //!< of the peer's AddChanges
    Ptr<SipClientTransaction> m_confirmTransaction; //!< the INFO with the AddConfirm
    std::vector<EventId> m_cryptoEvents;            //!< verification / signing delays

    // Counters
    std::array<uint32_t, N_INFO_REJECT_REASONS> m_rejects{}; //!< per reason
    uint32_t m_parseErrors{0};                               //!< unusable datagrams
    uint32_t m_retransmissions{0};                           //!< retransmissions sent

    // Trace sources
    TracedCallback<const SipMessage&, uint32_t> m_txTrace;                 //!< "MessageSent"
    TracedCallback<const SipMessage&, uint32_t> m_rxTrace;                 //!< "MessageReceived"
    TracedCallback<const SipMessage&, uint32_t> m_retransmissionTrace;     //!< "Retransmission"
    TracedCallback<const std::string&, Time> m_registeredTrace;            //!< "Registered"
    TracedCallback<const std::string&, const std::string&> m_sessionTrace; //!< "SessionEstablished"
    TracedCallback<int> m_callFailedTrace;                                 //!< "CallFailed"
    TracedCallback<const AddChangeHeader&> m_updateSentTrace;              //!< "UpdateSent"
    TracedCallback<const AddChangeHeader&> m_peerUpdatedTrace;             //!< "PeerUpdated"
    TracedCallback<const AddConfirmHeader&> m_confirmSentTrace;            //!< "ConfirmSent"
    TracedCallback<const AddConfirmHeader&, Time> m_updateConfirmedTrace;  //!< "UpdateConfirmed"
    TracedCallback<uint32_t, UpdateFailure> m_updateFailedTrace;           //!< "UpdateFailed"
    TracedCallback<InfoRejectReason> m_infoRejectedTrace;                  //!< "InfoRejected"
};

} // namespace ns3

#endif /* SIP_USER_AGENT_H */
