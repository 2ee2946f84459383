"""TwiML responses (pure)."""
from twilio.twiml.messaging_response import MessagingResponse


def message_reply(text):
    response = MessagingResponse()
    if text:
        response.message(text)
    return str(response)
